// The room page: picks a live room, listens to GET /v1/rooms/{room}/stream (one answer a second) and redraws.
"use strict";

const palette = ["#e11d48", "#2563eb", "#16a34a", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#65a30d"];
const timelineSeconds = 300;
const charts = {};
let source = null;
let current = null;

const percent = (share) => share === null || share === undefined ? "–" : `${(share * 100).toFixed(1)}%`;
const count = (value) => value === null || value === undefined ? "<k" : value.toLocaleString("zh-CN");

function chart(id, config) {
  if (!charts[id]) charts[id] = new Chart(document.getElementById(id), config);
  return charts[id];
}

function bar(id, horizontal) {
  return chart(id, {
    type: "bar",
    data: { labels: [], datasets: [{ data: [], backgroundColor: palette }] },
    options: {
      animation: false, indexAxis: horizontal ? "y" : "x", plugins: { legend: { display: false } },
      scales: { [horizontal ? "x" : "y"]: { beginAtZero: true, max: 100, ticks: { callback: (v) => `${v}%` } } },
    },
  });
}

function draw(room) {
  document.getElementById("k").textContent = room.minGroupSize;
  document.getElementById("viewers").textContent = room.suppressed ? "<k" : count(room.viewers);
  document.getElementById("new-viewers").textContent = count(room.newViewers);
  document.getElementById("returning-viewers").textContent = count(room.returningViewers);
  const dwell = room.averageDwellSeconds;
  document.getElementById("dwell").textContent = dwell === null || dwell === undefined ? "–"
    : dwell < 60 ? `${Math.round(dwell)} 秒` : `${(dwell / 60).toFixed(1)} 分`;
  const shown = room.funnel.find((f) => f.current);
  document.getElementById("on-screen").textContent = shown ? shown.title : (room.onScreen ?? "–");

  // Shares of the room carrying any tag of each family: a viewer counts in several, so bars, not slices of a whole.
  const families = bar("families", true);
  families.data.labels = room.families.map((f) => f.zh);
  families.data.datasets[0].data = room.families.map((f) => (f.share ?? 0) * 100);
  families.update();

  const timeline = chart("timeline", {
    type: "line",
    data: { labels: [], datasets: [{ label: "viewers", data: [], borderColor: palette[0], pointRadius: 0, tension: 0.2 }] },
    options: { animation: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } },
  });
  timeline.data.labels.push(new Date().toLocaleTimeString("zh-CN", { hour12: false }));
  timeline.data.datasets[0].data.push(room.viewers ?? 0);
  if (timeline.data.labels.length > timelineSeconds) { timeline.data.labels.shift(); timeline.data.datasets[0].data.shift(); }
  timeline.update();

  const tags = bar("tags", true);
  const top = room.tags.slice(0, 12);
  tags.data.labels = top.map((t) => t.zh);
  tags.data.datasets[0].data = top.map((t) => (t.share ?? 0) * 100);
  tags.update();

  const demand = bar("demand", false);
  demand.data.labels = room.demand.map((d) => d.zh);
  demand.data.datasets[0].data = room.demand.map((d) => (d.share ?? 0) * 100);
  demand.update();

  const funnel = chart("funnel", {
    type: "bar",
    data: { labels: ["曝光 on screen", "点击 clicks", "加购 carts", "下单 orders"], datasets: [{ data: [], backgroundColor: palette }] },
    options: { animation: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } },
  });
  const main = shown ?? room.funnel[0];
  funnel.data.datasets[0].data = main ? [main.onScreen ?? 0, main.clicked ?? 0, main.carted ?? 0, main.ordered ?? 0] : [];
  funnel.options.plugins.title = { display: !!main, text: main ? main.title : "" };
  funnel.update();
  const rows = document.querySelector("#funnel-table tbody");
  rows.replaceChildren(...room.funnel.slice(0, 8).map((f) => {
    const row = document.createElement("tr");
    if (f.current) row.className = "current";
    for (const value of [f.title, count(f.onScreen), count(f.clicked), count(f.carted), count(f.ordered), percent(f.conversion)]) {
      const cell = document.createElement("td");
      cell.textContent = value;
      row.append(cell);
    }
    return row;
  }));

  const list = document.getElementById("suggestions");
  list.replaceChildren(...room.suggestions.map((s) => {
    const item = document.createElement("li");
    item.dataset.rule = s.id;
    const zh = document.createElement("span");
    zh.textContent = s.zh;
    const en = document.createElement("span");
    en.className = "en";
    en.textContent = s.en;
    const why = document.createElement("span");
    why.className = "why";
    why.textContent = `${s.because.targetZh ?? s.because.target}: ${s.because.viewers}/${s.because.ofViewers} = ${percent(s.because.share)} ≥ ${percent(s.because.minShare)}`;
    item.append(zh, en, why);
    return item;
  }));
  if (room.suggestions.length === 0) {
    const none = document.createElement("li");
    none.textContent = "暂无 · nothing stands out yet";
    list.append(none);
  }
}

function watch(room) {
  if (source) source.close();
  current = room;
  const timeline = charts.timeline;
  if (timeline) { timeline.data.labels = []; timeline.data.datasets[0].data = []; }
  history.replaceState(null, "", `?room=${encodeURIComponent(room)}`);
  const status = document.getElementById("status");
  source = new EventSource(`/v1/rooms/${encodeURIComponent(room)}/stream`);
  source.addEventListener("room", (e) => {
    draw(JSON.parse(e.data));
    status.textContent = `live · ${new Date().toLocaleTimeString("zh-CN", { hour12: false })}`;
    status.className = "status live";
  });
  source.onerror = () => { status.textContent = "reconnecting…"; status.className = "status"; };
}

async function loadRooms() {
  const select = document.getElementById("room");
  const rooms = await (await fetch("/v1/rooms")).json();
  const wanted = new URLSearchParams(location.search).get("room");
  const names = rooms.map((r) => r.room);
  if (wanted && !names.includes(wanted)) names.unshift(wanted);
  select.replaceChildren(...names.map((name) => {
    const option = document.createElement("option");
    const live = rooms.find((r) => r.room === name);
    option.value = name;
    option.textContent = live ? `${name} (${count(live.viewers)})` : name;
    return option;
  }));
  const pick = current ?? wanted ?? names[0];
  if (pick) {
    select.value = pick;
    if (pick !== current) watch(pick);
  }
}

document.getElementById("room").addEventListener("change", (e) => watch(e.target.value));
loadRooms();
setInterval(loadRooms, 10000);
