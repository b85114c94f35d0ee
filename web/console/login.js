// Sign-in: posts name and password as JSON; the server sets an HttpOnly session cookie.
(function () {
  "use strict";
  var form = document.getElementById("login");
  var error = document.getElementById("error");
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    error.textContent = "";
    fetch("login", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: form.name.value, password: form.password.value })
    }).then(function (r) {
      return r.json().then(function (body) { return { ok: r.ok, body: body }; });
    }).then(function (res) {
      form.password.value = "";
      if (res.ok) { window.location.assign(res.body.next); } else { error.textContent = res.body.error; }
    }).catch(function () { error.textContent = "The console could not be reached. Try again."; });
  });
})();
