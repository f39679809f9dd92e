// Client side of TensorBoard's iframe plugin API (tensorboard 2.x
// "experimental" plugin_lib protocol): the iframe hands the host a
// MessagePort with the string message "experimental.bootstrap"; both sides
// then exchange JSON strings {type, id, payload, error, isReply}. The host
// broadcasts "experimental.DataReloaded" after each data reload (its reload
// button and auto-reload) and "experimental.RunsChanged" with run names; it
// answers "experimental.GetURLPluginData" with the URL hash entries
// "p.<plugin>.<key>".

const DATA_RELOADED = "experimental.DataReloaded";
const RUNS_CHANGED = "experimental.RunsChanged";
const GET_URL_DATA = "experimental.GetURLPluginData";

export class HostLink {
  constructor() {
    this.port = null;
    this.nextId = 0;
    this.waits = new Map();
    this.handlers = new Map();
  }

  connect() {
    if (window.parent === window || typeof MessageChannel === "undefined") return false;
    try {
      const channel = new MessageChannel();
      this.port = channel.port1;
      this.port.addEventListener("message", (e) => this._onMessage(e));
      this.port.start();
      window.parent.postMessage("experimental.bootstrap", "*", [channel.port2]);
      return true;
    } catch (err) {
      this.port = null;
      return false;
    }
  }

  on(type, fn) {
    this.handlers.set(type, fn);
  }

  onDataReloaded(fn) {
    this.on(DATA_RELOADED, fn);
  }

  onRunsChanged(fn) {
    this.on(RUNS_CHANGED, fn);
  }

  // Resolves with the plugin's URL data, or {} when there is no host or it
  // does not answer within `timeoutMs`.
  urlData(pluginName, timeoutMs = 400) {
    if (!this.port) return Promise.resolve({});
    const ask = this._send(GET_URL_DATA, { pluginName }).then((v) => v || {}, () => ({}));
    const late = new Promise((resolve) => setTimeout(() => resolve({}), timeoutMs));
    return Promise.race([ask, late]);
  }

  _send(type, payload) {
    const id = this.nextId++;
    this.port.postMessage(JSON.stringify({ type, id, payload, error: null, isReply: false }));
    return new Promise((resolve, reject) => this.waits.set(id, { resolve, reject }));
  }

  _onMessage(event) {
    let msg;
    try {
      msg = JSON.parse(event.data);
    } catch (err) {
      return;
    }
    if (!msg || typeof msg !== "object") return;
    if (msg.isReply) {
      const wait = this.waits.get(msg.id);
      if (!wait) return;
      this.waits.delete(msg.id);
      if (msg.error) wait.reject(new Error(String(msg.error)));
      else wait.resolve(msg.payload);
      return;
    }
    const fn = this.handlers.get(msg.type);
    let error = null;
    try {
      if (fn) fn(msg.payload);
    } catch (err) {
      error = String(err && err.message ? err.message : err);
    }
    // The host awaits a reply to each broadcast.
    this.port.postMessage(
      JSON.stringify({ type: msg.type, id: msg.id, payload: null, error, isReply: true })
    );
  }
}
