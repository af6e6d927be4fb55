/* planwatch pages: ECharts charts and uploads with progress. No network access beyond this site. */
"use strict";

const STATUS_COLORS = { "提前实现": "#1b5e20", "快于预期": "#388e3c", "基本符合预期": "#1565c0", "滞后": "#c62828", "提前完成": "#1b5e20", "已完成": "#2e7d32", "完成": "#2e7d32", "未完成": "#c62828", "无数据": "#9aa5b1" };

function chartData(element) {
  try { return JSON.parse(element.dataset.chart); } catch (e) { return null; }
}

function statusChart(element) {
  const data = chartData(element);
  if (!data || !window.echarts) return;
  const chart = echarts.init(element);
  chart.setOption({
    animation: false,
    tooltip: { trigger: "item", formatter: "{b}:{c} 项" },
    series: [{
      type: "pie", radius: ["45%", "80%"], label: { show: false },
      data: data.counts.filter(c => c[1] > 0).map(c => ({ name: c[0], value: c[1], itemStyle: { color: STATUS_COLORS[c[0]] } })),
    }],
  });
  window.addEventListener("resize", () => chart.resize());
}

// Round an axis bound to a readable number: 1512.2 → 1600, 387 → 380.
function nice(value, round) {
  if (!isFinite(value) || value === 0) return value;
  const step = Math.pow(10, Math.floor(Math.log10(Math.abs(value))) - 1) * 2;
  return round(value / step) * step;
}

function trajectoryChart(element) {
  const d = chartData(element);
  if (!d || !window.echarts) return;
  const series = [];
  series.push({ name: "观测值", type: "line", data: d.observations.map(o => [o[0], o[1]]), symbolSize: 8, lineStyle: { width: 3 }, itemStyle: { color: "#0b57a4" } });
  if (d.path.length) series.push({ name: "序时进度线", type: "line", data: d.path, lineStyle: { type: "dashed", color: "#9aa5b1" }, symbol: "none" });
  if (d.projection.length) series.push({ name: "趋势预测", type: "line", data: d.projection, lineStyle: { type: "dotted", color: "#e0a800", width: 2 }, itemStyle: { color: "#e0a800" } });
  if (d.baseline) series.push({ name: "基期", type: "scatter", data: [d.baseline], symbol: "diamond", symbolSize: 12, itemStyle: { color: "#66788a" } });
  const marks = [];
  if (d.target) marks.push({ yAxis: d.target.value, name: "目标", lineStyle: { color: "#c62828" }, label: { formatter: "目标 " + ({ ">=": "≥", "<=": "≤", "=": "≈" }[d.target.comparator] || d.target.comparator) + " " + d.target.value } });
  if (d.stretch) marks.push({ yAxis: d.stretch.value, name: "力争", lineStyle: { color: "#c62828", type: "dashed" }, label: { formatter: "力争 " + d.stretch.value } });
  if (series.length && marks.length) series[0].markLine = { symbol: "none", data: marks };
  if (!series[0].data.length && marks.length) series[0].data = [];
  const years = d.years.length ? d.years : [new Date().getFullYear()];
  const values = [...d.observations.map(o => o[1]), ...d.projection.map(p => p[1]), ...d.path.map(p => p[1]),
                  d.target && d.target.value, d.stretch && d.stretch.value, d.baseline && d.baseline[1]].filter(v => v != null);
  const top = values.length ? Math.max(...values) : null;
  const bottom = values.length ? Math.min(...values) : null;
  const pad = top != null ? (top - bottom) * 0.08 || Math.abs(top) * 0.1 || 1 : 0;
  const narrow = element.clientWidth < 520;
  for (const mark of marks) mark.label.position = "insideEndTop";
  const chart = echarts.init(element);
  chart.setOption({
    animation: false,
    tooltip: { trigger: "axis" },
    legend: { bottom: 0 },
    // containLabel keeps the axis labels inside the chart; on a phone the years are rotated
    // and those that would overlap are hidden
    grid: { left: 8, right: narrow ? 24 : 70, top: 36, bottom: narrow ? 64 : 50, containLabel: true },
    xAxis: { type: "value", min: Math.min(...years), max: Math.max(...years), minInterval: 1,
             interval: narrow && years.length > 6 ? 2 : 1,
             axisLabel: { formatter: v => String(v), hideOverlap: true, rotate: narrow ? 45 : 0 } },
    yAxis: { type: "value", name: d.unit, scale: true, axisLabel: { hideOverlap: true },
             max: top != null ? (v => nice(Math.max(v.max, top + pad), Math.ceil)) : null,
             min: bottom != null ? (v => nice(Math.min(v.min, bottom - pad), Math.floor)) : null },
    series: series,
  });
  window.addEventListener("resize", () => chart.resize());
}

function esc(text) {
  return String(text == null ? "" : text).replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

function describe(body) {
  if (body.error) {
    const rows = (body.error.details || []).map(p => `<li class="problem">第${esc(p.row)}行「${esc(p.column)}」${p.value ? "“" + esc(p.value) + "”" : ""}:${esc(p.reason)}</li>`);
    return `<p class="problem">${esc(body.error.message)}</p><ul>${rows.join("")}</ul>`;
  }
  if ("indicators_added" in body) {
    return body.created ? `<p class="ok">已导入「${esc(body.plan_key)}」第${esc(body.version)}版,新增指标草稿 ${esc(body.indicators_added)} 项。</p>`
                        : `<p class="ok">未改动:该文件已是「${esc(body.plan_key)}」的第${esc(body.version)}版。</p>`;
  }
  if ("departments_added" in body) {
    const will = body.dry_run ? "检查通过,将" : "已";
    return `<p class="ok">${will}新增项目 ${esc(body.created)} 个,更新 ${esc(body.updated)} 个,未变 ${esc(body.unchanged)} 个。</p>`;
  }
  const verb = body.dry_run ? "检查通过,将新增" : "已新增";
  if (body.kind === "annual_targets") {
    return `<p class="ok">${verb}年度目标 ${esc(body.added)} 项,未变 ${esc(body.unchanged)} 项,空白 ${esc(body.blank)} 行。</p>`;
  }
  return `<p class="ok">${verb}观测值 ${esc(body.added)} 条,未变 ${esc(body.unchanged)} 条,空白 ${esc(body.blank)} 行。</p>`;
}

function upload(form) {
  form.addEventListener("submit", event => {
    event.preventDefault();
    const file = form.querySelector("input[type=file]").files[0];
    if (!file) return;
    const data = new FormData();
    data.append("file", file);
    const dry = form.querySelector("input[name=dry_run]");
    const confirm = form.querySelector("input[name=confirm]");
    const query = [dry && dry.checked ? "dry_run=true" : "", confirm && confirm.checked ? "confirm=true" : ""].filter(Boolean);
    const url = form.dataset.url + (query.length ? "?" + query.join("&") : "");
    const bar = form.querySelector("progress");
    const report = form.querySelector(".report");
    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.setRequestHeader("X-CSRF-Token", form.dataset.csrf);
    bar.hidden = false; bar.value = 0; report.innerHTML = "上传中…";
    request.upload.onprogress = e => { if (e.lengthComputable) bar.value = 100 * e.loaded / e.total; };
    request.onload = () => {
      bar.value = 100;
      let body;
      try { body = JSON.parse(request.responseText); } catch (e) { body = { error: { message: "服务器返回了无法识别的结果(" + request.status + ")" } }; }
      report.innerHTML = describe(body);
    };
    request.onerror = () => { report.innerHTML = '<p class="problem">网络错误,上传失败。</p>'; };
    request.send(data);
  });
}

// A project's planned and completed investment by year (bars) and its cumulative curve.
function projectChart(element) {
  const d = chartData(element);
  if (!d || !window.echarts) return;
  const chart = echarts.init(element);
  chart.setOption({
    animation: false,
    tooltip: { trigger: "axis" },
    legend: { bottom: 0 },
    grid: { left: 8, right: 8, top: 36, bottom: 50, containLabel: true },
    xAxis: [{ type: "category", data: d.years.map(String), axisLabel: { hideOverlap: true, rotate: element.clientWidth < 520 ? 45 : 0 } },
            { type: "time", show: false, min: d.years[0] + "-01-01", max: d.years[d.years.length - 1] + "-12-31" }],
    yAxis: [{ type: "value", name: d.unit }, { type: "value", name: "累计", max: v => Math.max(v.max, d.total) }],
    series: [
      { name: "年度计划投资", type: "bar", data: d.planned, itemStyle: { color: "#9aa5b1" } },
      { name: "完成投资", type: "bar", data: d.completed, itemStyle: { color: "#0b57a4" } },
      { name: "累计完成", type: "line", xAxisIndex: 1, yAxisIndex: 1, data: d.cumulative, itemStyle: { color: "#e0a800" },
        markLine: { symbol: "none", data: [{ yAxis: d.total, name: "总投资", label: { formatter: "总投资 " + d.total } }] } },
    ],
  });
  window.addEventListener("resize", () => chart.resize());
}

// An indicator's annual targets (a line of points) beside the values reached (bars), by year.
function annualChart(element) {
  const d = chartData(element);
  if (!d || !window.echarts) return;
  const chart = echarts.init(element);
  const narrow = element.clientWidth < 520;
  chart.setOption({
    animation: false,
    tooltip: { trigger: "axis" },
    legend: { bottom: 0 },
    grid: { left: 8, right: 8, top: 36, bottom: narrow ? 64 : 50, containLabel: true },
    xAxis: { type: "category", data: d.years.map(String), axisLabel: { hideOverlap: true, rotate: narrow ? 45 : 0 } },
    yAxis: { type: "value", name: d.growth_rate ? "增长率(%)" : d.unit, scale: true, axisLabel: { hideOverlap: true } },
    series: [
      { name: "实际", type: "bar", data: d.actuals.map((v, i) => ({ value: v, itemStyle: { color: STATUS_COLORS[d.statuses[i]] || "#0b57a4" } })) },
      { name: "年度目标", type: "line", data: d.targets, symbolSize: 10, lineStyle: { type: "dashed", color: "#c62828" }, itemStyle: { color: "#c62828" } },
    ],
  });
  window.addEventListener("resize", () => chart.resize());
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("#status-chart").forEach(statusChart);
  document.querySelectorAll("#annual-chart").forEach(annualChart);
  document.querySelectorAll("#project-chart").forEach(projectChart);
  document.querySelectorAll("#trajectory").forEach(trajectoryChart);
  document.querySelectorAll("form.upload").forEach(upload);
});

// The plan reader on a phone: the outline is a drawer; picking a chapter closes it.
function outlineDrawer(reader) {
  const button = reader.querySelector(".outline-toggle");
  const outline = reader.querySelector(".outline");
  if (!button || !outline) return;
  const set = open => { reader.classList.toggle("drawer-open", open); button.setAttribute("aria-expanded", String(open)); button.textContent = open ? "关闭目录" : "目录"; };
  button.addEventListener("click", () => set(!reader.classList.contains("drawer-open")));
  outline.addEventListener("click", event => { if (event.target.closest("a")) set(false); });
  document.addEventListener("keydown", event => { if (event.key === "Escape") set(false); });
}
document.querySelectorAll("#reader").forEach(outlineDrawer);

// The plan switcher submits as soon as a plan is picked; its button stays for use without scripts.
for (const form of document.querySelectorAll("form.plan-switch")) {
  const select = form.querySelector("select");
  select.addEventListener("change", () => form.submit());
}
