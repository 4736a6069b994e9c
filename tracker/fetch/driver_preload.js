// Loaded into Playwright's driver (Node.js) before Playwright itself, by `--require` in the
// driver's NODE_OPTIONS (see tracker/fetch/browser.py, DRIVER_NODE_OPTIONS).
//
// Playwright's WebSocket client offers the permessage-deflate extension on every connection,
// and Chromium's DevTools server accepts it: every DevTools message Chromium sends the driver
// (each screenshot strip, 6 MB of base64; the page's HTML) was deflated on Chromium's DevTools
// thread and inflated again by the driver, over the loopback. Measured on the browser bench's
// page (four strips of 4,096 pixels): 0.19 core-seconds of Chromium's and 0.06 of the driver's
// a screenshot, and about a fifth of its wall time (captures 225 -> 170 ms a strip). This
// removes the offer from the driver's WebSocket handshakes (an opening handshake is a request
// that carries Sec-WebSocket-Key): the server then sends every message as it is. The messages
// are the same; only their framing on the wire changes.
"use strict";

const http = require("node:http");
const request = http.request;

function withoutDeflate(options) {
  const headers = options && typeof options === "object" ? options.headers : undefined;
  if (!headers || typeof headers !== "object" || Array.isArray(headers)) return;
  const names = Object.keys(headers);
  if (!names.some((name) => name.toLowerCase() === "sec-websocket-key")) return;
  for (const name of names) {
    if (name.toLowerCase() === "sec-websocket-extensions") delete headers[name];
  }
}

http.request = function requestWithoutDeflate(...args) {
  for (const arg of args) {
    if (!(arg instanceof URL) && typeof arg !== "string") withoutDeflate(arg);
  }
  return request.apply(this, args);
};
