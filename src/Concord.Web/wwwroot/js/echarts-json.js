// Concord's Content-Security-Policy allows no eval (script-src 'self'). Vizor.ECharts 0.9.7 reads chart options with
// eval("(" + options + ")") so that options may carry JavaScript functions; Concord's charts carry none (GanttChart.cs
// builds plain JSON), so the two entry points are replaced here by the same steps with JSON.parse. Loaded right after
// the Vizor bundle (App.razor); if the package changes these functions, revisit this file with it.
(() => {
  const v = window.vizorECharts;
  if (!v) return;
  v.initChart = async function (id, theme, initOptions, chartOptions, mapOptions, fetchOptions) {
    const chart = echarts.init(document.getElementById(id), theme, JSON.parse(initOptions));
    const resizeHandler = () => chart.resize();
    window.addEventListener("resize", resizeHandler);
    chart.__resizeHandler = resizeHandler;
    v.charts.set(id, chart);
    chart.showLoading();
    if (chartOptions === null) return;
    await v.fetchExternalData(chart, fetchOptions);
    await v.registerMaps(chart, mapOptions);
    chart.setOption(JSON.parse(chartOptions));
    chart.hideLoading();
  };
  v.updateChart = async function (id, chartOptions, mapOptions, fetchOptions) {
    const chart = v.charts.get(id);
    if (!chart) { console.error("Failed to retrieve chart " + id); return; }
    await v.fetchExternalData(chart, fetchOptions);
    await v.registerMaps(chart, mapOptions);
    chart.setOption(JSON.parse(chartOptions));
    chart.hideLoading();
  };
})();
