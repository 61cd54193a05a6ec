// Charts of the dashboard's figures. The tables beside them hold the same numbers and need no script.
(function () {
  "use strict";
  var dataElement = document.getElementById("dashboard-data");
  if (!dataElement || typeof Chart === "undefined") { return; }
  var r = JSON.parse(dataElement.textContent);
  var words = JSON.parse(document.getElementById("dashboard-words").textContent);
  // Okabe-Ito: told apart with every common kind of colour blindness.
  var BLUE = "#0072B2", ORANGE = "#E69F00", GREEN = "#009E73";
  var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.font.size = 14;
  Chart.defaults.color = "#1a1a1a";
  Chart.defaults.locale = document.documentElement.lang;
  if (reduce) { Chart.defaults.animation = false; }

  function count(c) { return c ? c.value : null; }  // hidden counts are gaps, never guesses
  function percent(s) { return s && s.kind === "percent" ? s.percent : null; }

  function draw(id, type, labels, datasets, options) {
    var figure = document.querySelector('[data-chart="' + id + '"]');
    if (!figure) { return; }
    figure.hidden = false;
    if (options && options.indexAxis === "y") {  // rows of one height: each has room for the longest name
      var lines = Math.max.apply(null, labels.map(function (l) { return Array.isArray(l) ? l.length : 1; }));
      figure.querySelector(".chart-box").style.height = Math.max(18, labels.length * (lines * 1.25 + 0.9) + 5) + "rem";
    }
    new Chart(document.getElementById("chart-" + id), {
      type: type,
      data: { labels: labels, datasets: datasets },
      options: Object.assign({ responsive: true, maintainAspectRatio: false,
        plugins: { legend: { display: datasets.length > 1 } } }, options || {})
    });
  }
  // Long names on two or more lines, so a narrow screen shows them whole instead of cutting their start.
  function wrapped(text) {
    var lines = [], line = "";
    String(text).split(" ").forEach(function (word) {
      if (line && (line + " " + word).length > 28) { lines.push(line); line = word; } else { line = line ? line + " " + word : word; }
    });
    lines.push(line);
    return lines.length > 1 ? lines : text;
  }
  function bars(label, values, colour) {
    return { label: label, data: values, backgroundColor: colour, borderColor: colour, borderWidth: 1 };
  }
  var percentAxis = { min: 0, max: 100, title: { display: true, text: words.share } };
  var every = { ticks: { autoSkip: false } };  // every name on a long list of bars
  var countAxis = { beginAtZero: true, title: { display: true, text: words.households } };

  draw("checklists", "bar", r.checklists.map(function (c) { return c.title; }), [
    bars(words.started, r.checklists.map(function (c) { return count(c.started); }), BLUE),
    bars(words.complete, r.checklists.map(function (c) { return count(c.complete); }), ORANGE)
  ], { scales: { y: countAxis } });

  var everyone = r.items.filter(function (i) {
    return i.essential && i.for_everyone && (words.linked || []).indexOf(i.checklist + "/" + i.item) === -1;
  });
  var seen = {};
  everyone.forEach(function (i) { seen[i.text] = (seen[i.text] || 0) + 1; });
  draw("items", "bar", everyone.map(function (i) {
    return wrapped(seen[i.text] > 1 ? i.text + " (" + i.checklist_title + ")" : i.text);
  }), [bars(words.share, everyone.map(function (i) { return percent(i.share); }), GREEN)],
       { indexAxis: "y", scales: { x: percentAxis, y: every } });

  ["week", "day"].forEach(function (unit) {
    var rows = r.over_time[unit].rows;
    draw("time-" + unit, "bar", rows.map(function (row) { return unit === "week" ? row.period : row.label; }), [
      bars(words["new"], rows.map(function (row) { return count(row["new"]); }), BLUE),
      bars(words.ready, rows.map(function (row) { return count(row.ready); }), ORANGE)
    ], { scales: { y: countAxis } });
  });

  // What an official compares between groups: the share ready, highest first (a hidden share is a gap, last).
  var table = r.breakdown_table;
  if (!table.withheld) {
    var rows = table.rows.slice().sort(function (a, b) {
      var x = percent(a.ready), y = percent(b.ready);
      return (y === null ? -1 : y) - (x === null ? -1 : x);
    });
    draw("breakdown", "bar", rows.map(function (row) { return wrapped(row.label); }),
         [bars(words.share, rows.map(function (row) { return percent(row.ready); }), BLUE)],
         { indexAxis: rows.length > 10 ? "y" : "x",
           scales: rows.length > 10 ? { x: percentAxis, y: every } : { y: percentAxis } });
  }
}());
