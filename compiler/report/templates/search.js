// The explorer's search: words typed are matched against a static index (search-index.js,
// loaded before this script) of every question, figure, band and field. No network.
(function () {
  "use strict";
  var index = window.critcSearchIndex || [];
  var input = document.getElementById("search-words");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");

  function words(text) {
    return text.toLowerCase().split(/[^\p{L}\p{N}.]+/u).filter(Boolean);
  }

  function matches(entry, query) {
    var hay = (entry.id + " " + entry.kind + " " + entry.title + " " + entry.text).toLowerCase();
    return query.every(function (word) { return hay.indexOf(word) !== -1; });
  }

  function show(query) {
    list.replaceChildren();
    var found = query.length ? index.filter(function (e) { return matches(e, query); }) : [];
    found.forEach(function (entry) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = entry.url;
      link.textContent = entry.kind + " " + entry.id + (entry.title ? ": " + entry.title : "");
      item.appendChild(link);
      list.appendChild(item);
    });
    status.textContent = query.length ? found.length + (found.length === 1 ? " match" : " matches") : "";
  }

  var initial = new URLSearchParams(window.location.search).get("q") || "";
  input.value = initial;
  show(words(initial));
  input.addEventListener("input", function () { show(words(input.value)); });
})();
