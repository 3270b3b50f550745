// dossier web UI: small vanilla JS, no dependencies. Everything it writes
// into the page goes through textContent or setAttribute, never innerHTML.
"use strict";

(function () {
  // "/" jumps to the search box.
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.isContentEditable)) return;
    var box = document.getElementById("q") || document.getElementById("topq");
    if (box) { e.preventDefault(); box.focus(); box.select(); }
  });

  // The write token: taken from the #token=... link `dossier serve` prints,
  // kept for this tab only, and removed from the address bar.
  // Read at load and whenever only the hash changes (pasting the printed
  // link into a tab already on /ingest does not reload the page).
  function takeToken() {
    var m = /(?:^#|&)token=([0-9A-Za-z_.~-]+)/.exec(location.hash);
    if (!m) return;
    try { sessionStorage.setItem("dossier-token", m[1]); } catch (err) { /* storage off */ }
    history.replaceState(null, "", location.pathname + location.search);
    var f = document.getElementById("token");
    if (f) f.value = m[1];
  }
  takeToken();
  window.addEventListener("hashchange", takeToken);
  function token() {
    var field = document.getElementById("token");
    if (field && field.value) return field.value.trim();
    try { return sessionStorage.getItem("dossier-token") || ""; } catch (err) { return ""; }
  }

  // Graph: hovering or focusing a node highlights its links.
  var graph = document.getElementById("graph");
  if (graph) {
    var edges = graph.querySelectorAll(".edge");
    var mark = function (n) {
      edges.forEach(function (e) {
        var on = n !== null && (e.getAttribute("data-a") === n || e.getAttribute("data-b") === n);
        e.classList.toggle("hi", on);
        e.classList.toggle("dim", n !== null && !on);
      });
    };
    graph.querySelectorAll(".node").forEach(function (node) {
      var n = node.getAttribute("data-n");
      node.addEventListener("mouseenter", function () { mark(n); });
      node.addEventListener("focus", function () { mark(n); });
      node.addEventListener("mouseleave", function () { mark(null); });
      node.addEventListener("blur", function () { mark(null); });
    });
  }

  // Writes from the pages (merge, split, remove): each form names its
  // method and URL, asks for confirmation, sends the token, and shows the
  // server's answer or goes on to the page that shows the result.
  document.querySelectorAll("form.write").forEach(function (f) {
    f.querySelectorAll("input.token").forEach(function (t) { if (!t.value) t.value = token(); });
    // The name recorded with a decision, remembered for this tab.
    f.querySelectorAll("input.who").forEach(function (w) {
      if (w.value) return;
      try { w.value = sessionStorage.getItem("dossier-who") || ""; } catch (err) { /* off */ }
    });
    f.addEventListener("submit", function (e) {
      e.preventDefault();
      var out = f.querySelector(".out");
      if (!window.confirm(f.getAttribute("data-confirm") || "Change the database?")) return;
      var body = {};
      var tok = "";
      Array.prototype.forEach.call(f.elements, function (el) {
        if (!el.name) return;
        if (el.name === "token") { tok = el.value.trim(); return; }
        body[el.name] = el.value.trim();
      });
      if (tok) { try { sessionStorage.setItem("dossier-token", tok); } catch (err) { /* off */ } }
      if (body.who) { try { sessionStorage.setItem("dossier-who", body.who); } catch (err) { /* off */ } }
      var method = f.getAttribute("data-method");
      var xhr = new XMLHttpRequest();
      xhr.open(method, f.getAttribute("data-url"));
      xhr.setRequestHeader("Authorization", "Bearer " + (tok || token()));
      xhr.setRequestHeader("Content-Type", "application/json");
      xhr.onload = function () {
        if (xhr.status < 300) { location.assign(f.getAttribute("data-next")); return; }
        var msg = "failed: HTTP " + xhr.status;
        try { msg = JSON.parse(xhr.responseText).error.message; } catch (err) { /* not JSON */ }
        if (out) { out.className = "out bad"; out.textContent = msg; }
      };
      xhr.onerror = function () { if (out) { out.className = "out bad"; out.textContent = "network error"; } };
      xhr.send(method === "DELETE" ? null : JSON.stringify(body));
    });
  });

  // Ingest: one request per file, with upload progress and its result.
  var form = document.getElementById("ingest");
  if (!form) return;
  var field = document.getElementById("token");
  if (field && !field.value) field.value = token();
  var rows = document.querySelector("#uploads tbody");
  var files = document.getElementById("files");
  var drop = document.getElementById("drop");

  function cell(tr, text, cls) {
    var td = document.createElement("td");
    if (text !== undefined) td.textContent = text;
    if (cls) td.className = cls;
    tr.appendChild(td);
    return td;
  }

  function result(td, status, body) {
    td.textContent = "";
    var data = null;
    try { data = JSON.parse(body); } catch (err) { /* not JSON */ }
    if (status >= 400 || !data) {
      td.className = "bad";
      td.textContent = (data && data.error && data.error.message) || ("failed: HTTP " + status);
      return;
    }
    var p = document.createElement("span");
    p.className = data.stored.length ? "ok" : "";
    var n = function (k, one, many) { return k + " " + (k === 1 ? one : many); };
    p.textContent = data.stored.length + " stored, " + data.duplicates.length + " already stored, " +
      data.failed.length + " failed; " + n(data.claims, "claim", "claims") + ", " +
      n(data.events, "event", "events");
    td.appendChild(p);
    var ul = document.createElement("ul");
    data.stored.concat(data.duplicates).forEach(function (d) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.setAttribute("href", "/doc/" + encodeURIComponent(d.id));
      a.textContent = d.title || d.id;
      li.appendChild(a);
      ul.appendChild(li);
    });
    data.failed.forEach(function (f) {
      var li = document.createElement("li");
      li.className = "bad";
      li.textContent = f.message;
      ul.appendChild(li);
    });
    td.appendChild(ul);
  }

  // Files wait in the table, each with its own date and outlet (filled
  // from the shared fields), until Upload sends them.
  var pending = [];
  var serial = 0;

  function input(td, name, value, label, pattern) {
    var i = document.createElement("input");
    serial += 1;
    i.id = name + "-" + serial;
    i.name = name;
    i.value = value;
    i.size = name === "date" ? 11 : 18;
    if (pattern) i.setAttribute("pattern", pattern);
    i.setAttribute("aria-label", label);
    td.appendChild(i);
    return i;
  }

  function add(list) {
    var shared = {
      date: document.getElementById("date").value.trim(),
      source: document.getElementById("source").value.trim()
    };
    Array.prototype.forEach.call(list, function (file) {
      var tr = document.createElement("tr");
      var name = cell(tr);
      var label = document.createElement("div");
      label.textContent = file.name;
      name.appendChild(label);
      var meta = document.createElement("div");
      meta.className = "perfile";
      var date = input(meta, "date", shared.date, "Publication date of " + file.name, "\\d{4}-\\d{2}-\\d{2}");
      var source = input(meta, "source", shared.source, "Outlet of " + file.name);
      date.setAttribute("placeholder", "YYYY-MM-DD");
      source.setAttribute("placeholder", "outlet");
      name.appendChild(meta);
      var bar = document.createElement("progress");
      bar.max = 100; bar.value = 0;
      cell(tr).appendChild(bar);
      var out = cell(tr, "waiting: press Upload");
      rows.appendChild(tr);
      pending.push({ file: file, date: date, source: source, bar: bar, out: out });
    });
    // The same file can be picked again after this.
    files.value = "";
  }

  function upload(item, done) {
    var file = item.file, bar = item.bar, out = item.out;
    out.textContent = "uploading…";
    var q = "?name=" + encodeURIComponent(file.name);
    var date = item.date.value.trim();
    var source = item.source.value.trim();
    item.date.disabled = true;
    item.source.disabled = true;
    if (date) q += "&date=" + encodeURIComponent(date);
    if (source) q += "&source=" + encodeURIComponent(source);
    var xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/v1/documents" + q);
    xhr.setRequestHeader("Authorization", "Bearer " + token());
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) bar.value = Math.round(e.loaded * 100 / e.total);
    };
    xhr.upload.onload = function () { bar.value = 100; out.textContent = "annotating…"; };
    xhr.onload = function () { bar.value = 100; result(out, xhr.status, xhr.responseText); done(); };
    xhr.onerror = function () { out.className = "bad"; out.textContent = "network error"; done(); };
    xhr.send(file);
  }

  function run() {
    var queue = pending;
    pending = [];
    if (token()) { try { sessionStorage.setItem("dossier-token", token()); } catch (err) { /* off */ } }
    (function next() { if (queue.length) upload(queue.shift(), next); })();
  }

  files.addEventListener("change", function () { add(files.files); });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    if (files.files.length) add(files.files);
    run();
  });
  drop.addEventListener("dragover", function (e) { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", function () { drop.classList.remove("over"); });
  drop.addEventListener("drop", function (e) {
    e.preventDefault(); drop.classList.remove("over"); add(e.dataTransfer.files);
  });
})();
