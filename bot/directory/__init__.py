"""The service directory: Open Referral HSDS 3.0 tables, CSV exchange and look-ups."""
