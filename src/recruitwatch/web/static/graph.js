// Draws a network: offers and the identifiers they share, laid out by a small force
// simulation in the browser (no library: the app loads nothing from elsewhere).
(function () {
  const svg = document.getElementById("network-graph");
  if (!svg) { return; }
  const NS = "http://www.w3.org/2000/svg";
  const W = 800, H = 500;
  fetch("/api/v1/networks/" + encodeURIComponent(svg.dataset.network), { credentials: "same-origin" })
    .then((r) => r.json())
    .then((net) => draw(net.graph));

  function draw(graph) {
    const nodes = graph.nodes.map((n, i) => ({ ...n, x: W / 2 + 200 * Math.cos(i), y: H / 2 + 150 * Math.sin(i), vx: 0, vy: 0 }));
    const index = new Map(nodes.map((n, i) => [n.id, i]));
    const edges = graph.edges.filter((e) => index.has(e.source) && index.has(e.target))
      .map((e) => [index.get(e.source), index.get(e.target)]);
    for (let step = 0; step < 300; step++) { tick(nodes, edges, 1 - step / 300); }
    const lines = edges.map(([a, b]) => el("line", { x1: nodes[a].x, y1: nodes[a].y, x2: nodes[b].x, y2: nodes[b].y }));
    lines.forEach((l) => svg.appendChild(l));
    nodes.forEach((n) => {
      const g = el("g", { class: "node" });
      const shape = el("circle", { cx: n.x, cy: n.y, r: n.kind === "offer" ? 5 : 9, class: "node-" + n.kind });
      const title = el("title", {}); title.textContent = n.label; shape.appendChild(title);
      g.appendChild(shape);
      if (n.kind !== "offer") {
        const label = el("text", { x: n.x + 11, y: n.y + 4 }); label.textContent = n.label; g.appendChild(label);
      }
      if (n.kind === "offer") {
        shape.style.cursor = "pointer";
        shape.addEventListener("click", () => { window.location = "/offers/" + n.id.slice(1); });
      }
      svg.appendChild(g);
    });
    svg.dataset.drawn = String(nodes.length);
  }
  function tick(nodes, edges, heat) {
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const a = nodes[i], b = nodes[j];
        let dx = a.x - b.x, dy = a.y - b.y; const d2 = dx * dx + dy * dy + 0.01;
        const f = 120 / d2; a.vx += dx * f; a.vy += dy * f; b.vx -= dx * f; b.vy -= dy * f;
      }
    }
    edges.forEach(([i, j]) => {
      const a = nodes[i], b = nodes[j]; const dx = b.x - a.x, dy = b.y - a.y;
      a.vx += dx * 0.01; a.vy += dy * 0.01; b.vx -= dx * 0.01; b.vy -= dy * 0.01;
    });
    nodes.forEach((n) => {
      n.vx += (W / 2 - n.x) * 0.01; n.vy += (H / 2 - n.y) * 0.01;
      n.x = Math.max(15, Math.min(W - 15, n.x + n.vx * heat)); n.y = Math.max(15, Math.min(H - 15, n.y + n.vy * heat));
      n.vx *= 0.5; n.vy *= 0.5;
    });
  }
  function el(name, attrs) {
    const node = document.createElementNS(NS, name);
    Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, String(v)));
    return node;
  }
})();
