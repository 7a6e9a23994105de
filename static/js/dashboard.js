// The bureau dashboard's charts (统计分析), drawn with the vendored ECharts (static/vendor/echarts/).
// Each chart reads its numbers from a json_script element: {title, kind, categories, series}.
// The tables under the charts hold the same numbers, so the page works without this script.
(function () {
  "use strict";

  var PALETTE = ["#1f5fa8", "#3b8ed0", "#5fb4a2", "#e0a43a", "#c0504d", "#8064a2"];
  var KIND_COLORS = { "通过": "#3a8f5b", "未通过": "#c0504d", "待评审": "#e0a43a" };

  function funnelOption(data) {
    var series = data.series[0] || { name: "", data: [] };
    return {
      tooltip: { trigger: "item", formatter: "{b}：{c}" },
      series: [{
        name: series.name,
        type: "funnel",
        sort: "none",
        minSize: "10%",
        label: { show: true, position: "inside", formatter: "{b}：{c}" },
        data: data.categories.map(function (name, index) {
          return { name: name, value: series.data[index] };
        })
      }]
    };
  }

  function barOption(data, stacked) {
    var horizontal = data.categories.length > 6;
    var categoryAxis = { type: "category", data: data.categories, axisLabel: { interval: 0 } };
    var valueAxis = { type: "value", minInterval: 1 };
    return {
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      xAxis: horizontal ? valueAxis : categoryAxis,
      yAxis: horizontal ? Object.assign({ inverse: true }, categoryAxis) : valueAxis,
      series: data.series.map(function (series, index) {
        return {
          name: series.name,
          type: "bar",
          stack: stacked ? "total" : undefined,
          data: series.data,
          itemStyle: { color: KIND_COLORS[series.name] || PALETTE[index % PALETTE.length] }
        };
      })
    };
  }

  function draw(element) {
    var source = document.getElementById(element.getAttribute("data-chart"));
    if (!source || !window.echarts) {
      return;
    }
    var data = JSON.parse(source.textContent);
    var rows = Math.max(data.categories.length, 5);
    element.style.height = (data.kind === "funnel" ? 320 : Math.min(640, 120 + rows * 32)) + "px";
    var chart = window.echarts.init(element, null, { locale: "ZH" });
    var option = data.kind === "funnel" ? funnelOption(data) : barOption(data, data.kind === "stacked");
    option.animation = false;
    chart.setOption(option);
    window.addEventListener("resize", function () { chart.resize(); });
    element.setAttribute("data-rendered", "true");
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-chart]"), draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
