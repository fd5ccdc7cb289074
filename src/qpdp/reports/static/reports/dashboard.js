/* Charts of the report dashboard, drawn with the vendored Chart.js from the figures the page embeds
   (#dashboard-charts). Progressive enhancement: the tables beside the charts carry the same figures. */
(function () {
  "use strict";

  var GREEN = "#3b5a2a";
  var COLOURS = [GREEN, "#c77c02", "#2f6690", "#8a2c2c"];
  var number = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 });

  function text(value, percent) {
    if (value === null || value === undefined) {
      return "—";
    }
    return number.format(value) + (percent ? "%" : "");
  }

  function rankingChart(canvas, data) {
    if (!canvas || !data.units.length) {
      return;
    }
    return new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: data.units,
        datasets: [{ label: data.label, data: data.values, backgroundColor: GREEN }],
      },
      options: {
        indexAxis: "y",
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: function (item) { return text(item.raw, data.percent); } } },
        },
        scales: {
          x: { beginAtZero: true, ticks: { callback: function (value) { return text(value, data.percent); } } },
          y: { ticks: { autoSkip: false } },
        },
      },
    });
  }

  function trendChart(canvas, data) {
    if (!canvas || !data.periods.length || !data.series.length) {
      return;
    }
    var hasPercent = data.series.some(function (s) { return s.percent; });
    var hasCount = data.series.some(function (s) { return !s.percent; });
    var scales = {};
    if (hasCount) {
      scales.count = { type: "linear", position: "left", beginAtZero: true, ticks: { precision: 0 } };
    }
    if (hasPercent) {
      scales.percent = {
        type: "linear",
        position: hasCount ? "right" : "left",
        beginAtZero: true,
        grid: { drawOnChartArea: !hasCount },
        ticks: { callback: function (value) { return text(value, true); } },
      };
    }
    return new window.Chart(canvas, {
      type: "line",
      data: {
        labels: data.periods,
        datasets: data.series.map(function (s, i) {
          return {
            label: s.label + (s.percent ? " (%)" : ""),
            data: s.values,
            yAxisID: s.percent ? "percent" : "count",
            borderColor: COLOURS[i % COLOURS.length],
            backgroundColor: COLOURS[i % COLOURS.length],
            borderWidth: s.percent ? 3 : 2,
            borderDash: s.percent ? [] : [5, 4],
            spanGaps: true,
          };
        }),
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { position: "bottom", labels: { usePointStyle: true, pointStyle: "line" } },
          tooltip: {
            callbacks: {
              label: function (item) {
                var s = data.series[item.datasetIndex];
                return s.label + ": " + text(item.raw, s.percent);
              },
            },
          },
        },
        scales: scales,
      },
    });
  }

  function draw() {
    var source = document.getElementById("dashboard-charts");
    if (!source || !window.Chart) {
      return;
    }
    var data = JSON.parse(source.textContent);
    document.querySelectorAll(".qpdp-chart").forEach(function (box) { box.classList.remove("d-none"); });
    rankingChart(document.getElementById("ranking-chart"), data.ranking);
    trendChart(document.getElementById("trend-chart"), data.trend);
    document.documentElement.setAttribute("data-charts", "drawn");
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
