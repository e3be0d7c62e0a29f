// Entity page charts: data comes from the JSON block the server rendered (no inline script: strict CSP).
(function () {
  "use strict";
  var block = document.getElementById("entity-data");
  if (!block || typeof Plotly === "undefined") { return; }
  var data = JSON.parse(block.textContent);
  var layout = function (title) {
    return { margin: { t: 10, r: 10, b: 40, l: 40 }, legend: { orientation: "h", y: -0.2 },
             xaxis: { type: "date" }, yaxis: { title: title, rangemode: "tozero" } };
  };
  var config = { displaylogo: false, responsive: true };
  // Plotly reads a little HTML in trace names: channel names are data, so keep them text.
  var text = function (s) { return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"); };
  var timeline = document.getElementById("timeline-chart");
  if (timeline) {
    var traces = data.timeline.series.map(function (s) {
      return { type: "bar", name: text(s.channel), x: s.points.map(function (p) { return p.t; }),
               y: s.points.map(function (p) { return p.documents; }) };
    });
    var l = layout("documents");
    l.barmode = "stack";
    Plotly.newPlot(timeline, traces, l, config);
  }
  var stance = document.getElementById("stance-chart");
  if (stance && data.stance.points.length) {
    var labels = {};
    data.stance.points.forEach(function (p) { (labels[p.label] = labels[p.label] || []).push(p); });
    var colors = { negative: "#dc2626", neutral: "#9ca3af", positive: "#16a34a" };
    var bars = Object.keys(labels).map(function (label) {
      return { type: "bar", name: text(label), marker: { color: colors[label] || "#6366f1" },
               x: labels[label].map(function (p) { return p.t; }), y: labels[label].map(function (p) { return p.documents; }) };
    });
    var l2 = layout("documents");
    l2.barmode = "stack";
    Plotly.newPlot(stance, bars, l2, config);
  }
}());
