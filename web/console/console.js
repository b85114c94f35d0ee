// Harbor advocate console. Plain DOM, no third-party code, no inline script (the CSP forbids it).
// All text from the server goes in with textContent, never as HTML.
(function () {
  "use strict";
  var me = null;
  var current = null;        // the open handoff (as last loaded)
  var items = [];            // the queue as last streamed
  var clockOffset = 0;       // server time minus browser time, in ms
  var $ = function (id) { return document.getElementById(id); };

  function status(text, bad) {
    var el = $("status");
    el.textContent = text || "";
    el.className = "status" + (bad ? " bad" : "");
  }

  function signIn() { window.location.assign("login"); }

  function api(method, path, body, auto) {
    var headers = { "Accept": "application/json" };
    if (body !== undefined) { headers["Content-Type"] = "application/json"; }
    if (method !== "GET") { headers["X-CSRF-Token"] = me ? me.csrf : ""; }
    if (auto) { headers["X-Console-Auto"] = "1"; }
    return fetch(path, {
      method: method, credentials: "same-origin", headers: headers,
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (r) {
      if (r.status === 401) { signIn(); throw new Error("signed out"); }
      return r.json().then(function (data) {
        if (!r.ok) { throw new Error(data.error || ("error " + r.status)); }
        return data;
      });
    });
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function waited(seconds) {
    var m = Math.floor(seconds / 60), s = seconds % 60;
    return m >= 60 ? Math.floor(m / 60) + " h " + (m % 60) + " min" : m + ":" + (s < 10 ? "0" : "") + s;
  }

  function secondsSince(iso) {
    return Math.max(0, Math.floor((Date.now() + clockOffset - Date.parse(iso)) / 1000));
  }

  // ---- queue (Server-Sent Events) ----------------------------------------------------------
  function renderQueue() {
    var list = $("queue-list");
    list.textContent = "";
    $("queue-empty").hidden = items.length > 0;
    items.forEach(function (item) {
      var li = el("li", "item " + item.urgency + (current && current.id === item.id ? " selected" : ""));
      li.dataset.id = item.id;
      li.tabIndex = 0;
      var top = el("div", "row");
      top.appendChild(el("span", "badge " + item.urgency, item.urgency));
      var timer = el("span", "timer", waited(secondsSince(item.created_at)));
      timer.dataset.since = item.created_at;
      top.appendChild(timer);
      li.appendChild(top);
      li.appendChild(el("div", "reason", item.reason + (item.category ? " (" + item.category + ")" : "")));
      li.appendChild(el("div", "muted", item.channel + " - " +
        (item.status === "claimed" ? "with " + item.advocate : "waiting") + " - " + item.conversation));
      li.addEventListener("click", function () { openHandoff(item.id); });
      li.addEventListener("keydown", function (e) { if (e.key === "Enter") { openHandoff(item.id); } });
      list.appendChild(li);
    });
  }

  function tick() {
    Array.prototype.forEach.call(document.querySelectorAll(".timer"), function (t) {
      t.textContent = waited(secondsSince(t.dataset.since));
    });
  }

  function connect() {
    var source = new EventSource("events");
    source.addEventListener("queue", function (e) {
      var data = JSON.parse(e.data);
      clockOffset = Date.parse(data.now) - Date.now();
      items = data.items;
      $("live").className = "live on";
      renderQueue();
      if (current) { openHandoff(current.id, true); }
    });
    source.addEventListener("signed-out", function () { source.close(); signIn(); });
    source.onerror = function () {
      $("live").className = "live";
      api("GET", "api/me").catch(function () { source.close(); });
    };
  }

  // ---- one conversation ----------------------------------------------------------------------
  var PACKET = [["urgency", "Urgency"], ["reason", "Reason"], ["crisis_category", "Crisis category"],
                ["severity", "Severity"], ["need", "Asked for"], ["county", "County"],
                ["screening", "Screening result"], ["channel", "Channel"]];

  function renderHandoff(h) {
    current = h;
    $("conversation").hidden = false;
    $("conv-id").textContent = h.conversation;
    $("conv-urgency").textContent = h.urgency;
    $("conv-urgency").className = "badge " + h.urgency;
    var packet = $("packet");
    packet.textContent = "";
    PACKET.forEach(function (pair) {
      var value = h.packet[pair[0]];
      if (value === null || value === undefined || value === "") { return; }
      packet.appendChild(el("dt", null, pair[1]));
      packet.appendChild(el("dd", null, typeof value === "object" ? JSON.stringify(value) : String(value)));
    });
    var transcript = $("transcript");
    transcript.textContent = "";
    if (h.transcript_error) { transcript.appendChild(el("li", "system", h.transcript_error)); }
    h.transcript.forEach(function (line) {
      var li = el("li", "line " + line.who);
      var who = line.who === "advocate" ? "Advocate " + line.by : line.who === "youth" ? "Youth" :
        line.who === "bot" ? "Bot" : "";
      if (who) { li.appendChild(el("span", "who", who)); }
      if (line.at) { li.appendChild(el("time", "muted", line.at.slice(11, 19))); }
      li.appendChild(el("div", "text", line.text));
      transcript.appendChild(li);
    });
    transcript.scrollTop = transcript.scrollHeight;
    var notes = $("notes");
    notes.textContent = "";
    h.notes.forEach(function (n) {
      var li = el("li", "note");
      li.appendChild(el("span", "who", n.by));
      li.appendChild(el("time", "muted", n.at.slice(0, 16).replace("T", " ")));
      li.appendChild(el("div", "text", n.text));
      notes.appendChild(li);
    });
    var mine = h.status === "claimed" && (h.advocate === me.name || me.role === "admin");
    $("claim").hidden = h.status !== "waiting";
    ["release", "transfer", "transfer-to", "handback", "outcome", "close"].forEach(function (id) {
      $(id).hidden = !mine;
    });
    $("reply-form").hidden = !(h.status === "claimed" && h.advocate === me.name);
    renderQueue();
  }

  function openHandoff(id, auto) {
    return api("GET", "api/handoffs/" + encodeURIComponent(id), undefined, auto).then(renderHandoff)
      .catch(function (e) { status(e.message, true); });
  }

  function act(action, body, done) {
    if (!current) { return; }
    status("");
    api("POST", "api/handoffs/" + encodeURIComponent(current.id) + "/" + action, body || {}).then(function (res) {
      if (res.warning) { status(res.warning, true); } else if (done) { status(done); }
      return openHandoff(current.id);
    }).catch(function (e) { status(e.message, true); });
  }

  $("claim").addEventListener("click", function () { act("claim", {}, "You have this conversation."); });
  $("release").addEventListener("click", function () { act("release", {}, "Released to the queue."); });
  $("transfer").addEventListener("click", function () {
    var to = $("transfer-to").value;
    if (!to) { status("Choose an advocate on duty first.", true); return; }
    act("transfer", { to: to }, "Transferred to " + to + ".");
  });
  $("handback").addEventListener("click", function () {
    act("handback", {}, "Handed back to the bot; the youth was told.");
  });
  $("close").addEventListener("click", function () {
    var outcome = $("outcome").value;
    if (!outcome) { status("Choose an outcome first.", true); return; }
    act("close", { outcome: outcome }, "Closed: " + outcome + ".");
  });
  $("transfer-to").addEventListener("focus", function () {
    api("GET", "api/on-duty").then(function (res) {
      var select = $("transfer-to");
      select.textContent = "";
      select.appendChild(el("option", null, "Transfer to..."));
      select.firstChild.value = "";
      res.names.filter(function (n) { return n !== me.name; }).forEach(function (n) {
        var o = el("option", null, n); o.value = n; select.appendChild(o);
      });
    }).catch(function (e) { status(e.message, true); });
  });

  var reply = $("reply");
  function count() { $("reply-count").textContent = reply.value.length + " / 320"; }
  reply.addEventListener("input", count);
  $("canned").addEventListener("change", function () {
    if (this.value) { reply.value = this.options[this.selectedIndex].dataset.text; count(); this.value = ""; }
  });
  $("reply-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var text = reply.value.trim();
    if (!text) { return; }
    api("POST", "api/handoffs/" + encodeURIComponent(current.id) + "/reply", { text: text }).then(function (res) {
      reply.value = ""; count();
      status("Reply " + res.delivered + ".");
      return openHandoff(current.id);
    }).catch(function (err) { status(err.message, true); });
  });
  $("note-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var text = $("note").value.trim();
    if (!text) { return; }
    act("note", { text: text }, "Note saved.");
    $("note").value = "";
  });

  function loadCanned() {
    return api("GET", "api/canned").then(function (rows) {
      var select = $("canned");
      select.textContent = "";
      var first = el("option", null, "Choose a canned reply"); first.value = ""; select.appendChild(first);
      rows.forEach(function (r) {
        var o = el("option", null, r.title); o.value = String(r.id); o.dataset.text = r.text; select.appendChild(o);
      });
      renderCannedEditor(rows);
    });
  }

  // ---- admin views -------------------------------------------------------------------------------
  function renderCannedEditor(rows) {
    var list = $("canned-rows");
    list.textContent = "";
    rows.forEach(function (r) {
      var li = el("li", "canned-row");
      var title = el("input"); title.value = r.title; title.maxLength = 80;
      var text = el("textarea"); text.value = r.text; text.maxLength = 320; text.rows = 2;
      var save = el("button", null, "Save"); save.type = "button";
      var del = el("button", "danger", "Delete"); del.type = "button";
      save.addEventListener("click", function () {
        api("PUT", "api/canned/" + r.id, { title: title.value, text: text.value })
          .then(function () { status("Saved."); return loadCanned(); }).catch(function (e) { status(e.message, true); });
      });
      del.addEventListener("click", function () {
        api("DELETE", "api/canned/" + r.id)
          .then(function () { status("Deleted."); return loadCanned(); }).catch(function (e) { status(e.message, true); });
      });
      [title, text, save, del].forEach(function (n) { li.appendChild(n); });
      list.appendChild(li);
    });
  }
  $("canned-new").addEventListener("submit", function (e) {
    e.preventDefault();
    api("POST", "api/canned", { title: $("canned-title").value, text: $("canned-text").value }).then(function () {
      $("canned-title").value = ""; $("canned-text").value = ""; status("Added."); return loadCanned();
    }).catch(function (err) { status(err.message, true); });
  });

  function table(body, rows, fields) {
    body.textContent = "";
    rows.forEach(function (r) {
      var tr = el("tr");
      fields.forEach(function (f) { tr.appendChild(el("td", null, typeof f === "function" ? f(r) : r[f])); });
      body.appendChild(tr);
    });
  }

  var VIEWS = ["queue", "audit", "canned", "team"];
  function show(view) {
    VIEWS.forEach(function (v) {
      $("view-" + v).hidden = v !== view;
      $("tab-" + v).className = "tab" + (v === view ? " active" : "") + (v === "queue" ? "" : " admin-only");
    });
    if (view === "audit") {
      api("GET", "audit").then(function (rows) {
        table($("audit-rows"), rows, [function (r) { return r.at.slice(0, 19).replace("T", " "); }, "advocate",
          "action", "conversation", "detail"]);
      }).catch(function (e) { status(e.message, true); });
    }
    if (view === "team") {
      api("GET", "api/advocates").then(function (rows) {
        table($("team-rows"), rows, ["name", "role", function (r) { return r.on_duty ? "on" : "off"; },
          function (r) { return r.disabled ? "disabled" : r.locked ? "locked" : "active"; }]);
      }).catch(function (e) { status(e.message, true); });
    }
  }
  VIEWS.forEach(function (v) { $("tab-" + v).addEventListener("click", function () { show(v); }); });

  $("duty").addEventListener("change", function () {
    var on = this.checked;
    api("POST", "api/duty", { on_duty: on }).then(function () {
      status(on ? "You are on duty." : "You are off duty.");
    }).catch(function (e) { status(e.message, true); });
  });
  $("logout").addEventListener("click", function () {
    api("POST", "logout", {}).then(signIn).catch(signIn);
  });

  api("GET", "api/me").then(function (data) {
    me = data;
    $("me-name").textContent = me.name + " (" + me.role + ")";
    $("duty").checked = me.on_duty;
    var outcome = $("outcome");
    var first = el("option", null, "Outcome..."); first.value = ""; outcome.appendChild(first);
    me.outcomes.forEach(function (o) { var opt = el("option", null, o); opt.value = o; outcome.appendChild(opt); });
    if (me.role === "admin") {
      Array.prototype.forEach.call(document.querySelectorAll(".admin-only"), function (n) { n.hidden = false; });
    }
    loadCanned();
    connect();
    var ticks = 0;
    setInterval(function () {
      tick();
      ticks += 1;
      if (current && ticks % 5 === 0 && !$("view-queue").hidden) { openHandoff(current.id, true); }
    }, 1000);
  }).catch(function () { /* api() already sent us to sign-in */ });
})();
