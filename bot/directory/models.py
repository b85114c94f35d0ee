"""Service directory tables after Open Referral HSDS 3.0 (core objects, tabular form).

Column names follow HSDS so that a 211 centre's export maps one to one. Two
extensions carry what Harbor must know about every fact: ``assured_date`` (HSDS's
own "last checked" date on a service) and ``x_source_url`` (where it was checked).
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import relationship

from bot.db import Base


class Organization(Base):
    __tablename__ = "organization"
    id = sa.Column(sa.String(100), primary_key=True)
    name = sa.Column(sa.String(255), nullable=False)
    description = sa.Column(sa.Text, nullable=False, default="")
    website = sa.Column(sa.String(500))
    services = relationship("Service", back_populates="organization", cascade="all, delete-orphan")


class Service(Base):
    __tablename__ = "service"
    id = sa.Column(sa.String(100), primary_key=True)
    organization_id = sa.Column(sa.ForeignKey("organization.id", ondelete="CASCADE"), nullable=False)
    name = sa.Column(sa.String(255), nullable=False)
    description = sa.Column(sa.Text, nullable=False, default="")
    url = sa.Column(sa.String(500))
    status = sa.Column(sa.String(20), nullable=False, default="active")
    minimum_age = sa.Column(sa.Integer)
    maximum_age = sa.Column(sa.Integer)
    eligibility_description = sa.Column(sa.Text)
    assured_date = sa.Column(sa.Date, nullable=False)
    x_source_url = sa.Column(sa.String(500), nullable=False)
    organization = relationship("Organization", back_populates="services")
    phones = relationship("Phone", back_populates="service", cascade="all, delete-orphan")
    schedules = relationship("Schedule", cascade="all, delete-orphan")
    service_areas = relationship("ServiceArea", cascade="all, delete-orphan")
    categories = relationship(
        "TaxonomyTerm",
        secondary="attribute",
        primaryjoin="and_(Service.id == Attribute.link_id, Attribute.link_entity == 'service')",
        secondaryjoin="TaxonomyTerm.id == Attribute.taxonomy_term_id",
        viewonly=True,
    )


class Location(Base):
    __tablename__ = "location"
    id = sa.Column(sa.String(100), primary_key=True)
    organization_id = sa.Column(sa.ForeignKey("organization.id", ondelete="CASCADE"))
    location_type = sa.Column(sa.String(20), nullable=False, default="physical")
    name = sa.Column(sa.String(255))
    latitude = sa.Column(sa.Float)
    longitude = sa.Column(sa.Float)


class Address(Base):
    __tablename__ = "address"
    id = sa.Column(sa.String(100), primary_key=True)
    location_id = sa.Column(sa.ForeignKey("location.id", ondelete="CASCADE"), nullable=False)
    address_1 = sa.Column(sa.String(255))
    city = sa.Column(sa.String(100))
    region = sa.Column(sa.String(100))  # the county, e.g. "Dane County"
    state_province = sa.Column(sa.String(50))
    postal_code = sa.Column(sa.String(20))
    country = sa.Column(sa.String(2))
    address_type = sa.Column(sa.String(20))


class ServiceAtLocation(Base):
    __tablename__ = "service_at_location"
    id = sa.Column(sa.String(100), primary_key=True)
    service_id = sa.Column(sa.ForeignKey("service.id", ondelete="CASCADE"), nullable=False)
    location_id = sa.Column(sa.ForeignKey("location.id", ondelete="CASCADE"), nullable=False)


class Phone(Base):
    __tablename__ = "phone"
    id = sa.Column(sa.String(100), primary_key=True)
    service_id = sa.Column(sa.ForeignKey("service.id", ondelete="CASCADE"))
    organization_id = sa.Column(sa.ForeignKey("organization.id", ondelete="CASCADE"))
    number = sa.Column(sa.String(50), nullable=False)
    extension = sa.Column(sa.String(20))
    type = sa.Column(sa.String(20), nullable=False, default="voice")
    description = sa.Column(sa.String(255))
    service = relationship("Service", back_populates="phones")


class Schedule(Base):
    __tablename__ = "schedule"
    id = sa.Column(sa.String(100), primary_key=True)
    service_id = sa.Column(sa.ForeignKey("service.id", ondelete="CASCADE"), nullable=False)
    description = sa.Column(sa.String(255), nullable=False)


class ServiceArea(Base):
    __tablename__ = "service_area"
    id = sa.Column(sa.String(100), primary_key=True)
    service_id = sa.Column(sa.ForeignKey("service.id", ondelete="CASCADE"), nullable=False)
    name = sa.Column(sa.String(255), nullable=False)  # "United States", "Wisconsin", "Dane County"
    extent_type = sa.Column(sa.String(20), nullable=False)  # national | state | county
    description = sa.Column(sa.Text)


class TaxonomyTerm(Base):
    __tablename__ = "taxonomy_term"
    id = sa.Column(sa.String(100), primary_key=True)
    code = sa.Column(sa.String(100), nullable=False, unique=True)
    name = sa.Column(sa.String(255), nullable=False)
    description = sa.Column(sa.Text)
    taxonomy = sa.Column(sa.String(100))


class Attribute(Base):
    __tablename__ = "attribute"
    id = sa.Column(sa.String(100), primary_key=True)
    link_id = sa.Column(sa.String(100), nullable=False, index=True)
    taxonomy_term_id = sa.Column(sa.ForeignKey("taxonomy_term.id", ondelete="CASCADE"), nullable=False)
    link_type = sa.Column(sa.String(50))
    link_entity = sa.Column(sa.String(50), nullable=False, default="service")
