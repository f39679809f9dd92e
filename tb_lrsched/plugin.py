"""The LR Health TensorBoard plugin: routes over the shared analysis path.

Each route is a thin HTTP wrapper (parse parameters, `http_util.Respond`)
around an `*_impl` method that returns plain data and raises
`tensorboard.errors.NotFoundError` / `InvalidArgumentError`, so the logic is
testable without HTTP. Everything is read through `context.data_provider`.
"""

from __future__ import annotations

import logging
import math
import mimetypes
import os
import re

from tensorboard import errors, plugin_util
from tensorboard.backend import http_util
from tensorboard.plugins import base_plugin
from werkzeug import wrappers

from tb_lrsched import service
from tb_lrsched.engine import registry

logger = logging.getLogger(__name__)

PLUGIN_NAME = "lr_health"
TAB_NAME = "LR Health"
STATIC_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "static")

DEFAULT_POINTS = 2000
MIN_POINTS, MAX_POINTS = 10, 20000
# One /verdicts answer judges pending experiments for about this long.
VERDICT_BUDGET_S = 0.4
# Run names are paths (up to PATH_MAX); override regexes are capped at 500 in roles.
_MAX_PARAM_LEN = 4096
_READ_METHODS = ("GET", "HEAD")
# ASCII only: int()/float() also accept "1_000", " 10 " and non-ASCII digits.
_INT_RE = re.compile(r"[0-9]{1,9}\Z")
_FLOAT_RE = re.compile(r"[+-]?(?:[0-9]{1,40}(?:\.[0-9]{0,40})?|\.[0-9]{1,40})(?:[eE][+-]?[0-9]{1,3})?\Z")
_ALLOWED_PARAMS = {
    "/experiments": {"lr_tag", "loss_tag", "val_loss_tag", "val_acc_tag", "pending"},
    "/verdicts": {"lr_tag", "loss_tag", "val_loss_tag", "val_acc_tag", "limit"},
    "/report": {"experiment", "points", "start", "end",
                "lr_tag", "loss_tag", "val_loss_tag", "val_acc_tag"},
    "/rules": set(),
    "/sweeps": {"lr_tag", "loss_tag", "val_loss_tag", "val_acc_tag"},
}


class LRHealthPlugin(base_plugin.TBPlugin):
    """Adds the 'LR Health' tab."""

    plugin_name = PLUGIN_NAME

    def __init__(self, context):
        self._provider = context.data_provider
        hints = context.sampling_hints or {}
        limit = hints.get("scalars", 1000)
        self._service = service.AnalysisService(
            sample_limit=None if not limit else int(limit))

    # -- TBPlugin API ---------------------------------------------------------
    def get_plugin_apps(self):
        return {
            "/index.js": self._serve_index_js,
            "/static/*": self._serve_static,
            "/experiments": self._serve_experiments,
            "/report": self._serve_report,
            "/verdicts": self._serve_verdicts,
            "/rules": self._serve_rules,
            "/sweeps": self._serve_sweeps,
        }

    def is_active(self):
        return False  # activity comes from data_plugin_names()

    def data_plugin_names(self):
        return ("scalars",)

    def frontend_metadata(self):
        return base_plugin.FrontendMetadata(
            es_module_path="/index.js", tab_name=TAB_NAME)

    # -- implementations (plain data in, plain data out) ----------------------
    def experiments_impl(self, ctx, experiment_id, params):
        overrides = _overrides(params)
        if _int_param(params, "pending", 0, 0, 1):
            # the listing at once; verdicts not cached yet come from /verdicts
            return {"experiments": self._service.listing(
                self._provider, ctx, experiment_id, overrides)}
        return {"experiments": self._service.summaries(
            self._provider, ctx, experiment_id, overrides)}

    def verdicts_impl(self, ctx, experiment_id, params):
        overrides = _overrides(params)
        limit = _int_param(params, "limit", 500, 1, 500)
        done, pending = self._service.verdicts(
            self._provider, ctx, experiment_id, overrides,
            budget_s=VERDICT_BUDGET_S, limit=limit)
        return {"experiments": done, "pending": pending}

    def report_impl(self, ctx, experiment_id, params):
        name = params.get("experiment")
        if name is None or name == "":
            raise errors.InvalidArgumentError("missing parameter: experiment")
        points = _int_param(params, "points", DEFAULT_POINTS, MIN_POINTS, MAX_POINTS)
        start = _float_param(params, "start")
        end = _float_param(params, "end")
        if start is not None and end is not None and start > end:
            raise errors.InvalidArgumentError("start must not be greater than end")
        overrides = _overrides(params)
        rep = self._service.report(self._provider, ctx, experiment_id, name,
                                   overrides, points=points, start=start, end=end)
        if rep is None:
            raise errors.NotFoundError("no experiment named %r" % (name,))
        return rep

    def rules_impl(self, ctx, experiment_id, params):
        """The rule catalogue (registry order): titles, chart markers, evidence labels."""
        return registry.rules_json()

    def sweeps_impl(self, ctx, experiment_id, params):
        """The LR sweeps of the logdir (tb_lrsched/sweep.py), over the cached analysis."""
        from tb_lrsched import sweep

        overrides = _overrides(params)
        return sweep.sweeps_impl(
            self._provider, ctx, experiment_id, overrides,
            analysed=lambda plan: self._service.analysed(
                self._provider, ctx, experiment_id, plan, overrides))

    # -- HTTP wrappers --------------------------------------------------------
    @wrappers.Request.application
    def _serve_experiments(self, request):
        return self._json_route(request, "/experiments", self.experiments_impl)

    @wrappers.Request.application
    def _serve_verdicts(self, request):
        return self._json_route(request, "/verdicts", self.verdicts_impl)

    @wrappers.Request.application
    def _serve_report(self, request):
        return self._json_route(request, "/report", self.report_impl)

    @wrappers.Request.application
    def _serve_rules(self, request):
        return self._json_route(request, "/rules", self.rules_impl)

    @wrappers.Request.application
    def _serve_sweeps(self, request):
        return self._json_route(request, "/sweeps", self.sweeps_impl)

    def _json_route(self, request, route, impl):
        if request.method not in _READ_METHODS:
            return _method_not_allowed(request)
        try:
            params = _params(request, _ALLOWED_PARAMS[route])
            ctx = plugin_util.context(request.environ)
            eid = plugin_util.experiment_id(request.environ)
            body = impl(ctx, eid, params)
            return http_util.Respond(request, body, "application/json")
        except errors.PublicError as e:
            return http_util.Respond(request, {"error": str(e)}, "application/json",
                                     code=e.http_code)
        except Exception:  # never a traceback to the client, never a crash
            logger.exception("lr_health: %s failed", route)
            return http_util.Respond(
                request, {"error": "internal error in %s; see the TensorBoard log" % route},
                "application/json", code=500)

    @wrappers.Request.application
    def _serve_index_js(self, request):
        return self._static_file(request, "index.js")

    @wrappers.Request.application
    def _serve_static(self, request):
        prefix = "/static/"
        path = request.path
        i = path.find(prefix)
        name = path[i + len(prefix):] if i >= 0 else ""
        return self._static_file(request, name)

    def _static_file(self, request, name):
        if request.method not in _READ_METHODS:
            return _method_not_allowed(request)
        resolved = _safe_static_path(name)
        if resolved is None:
            return http_util.Respond(request, {"error": "not found"}, "application/json", code=404)
        mimetype = mimetypes.guess_type(resolved)[0] or "application/octet-stream"
        if resolved.endswith((".js", ".mjs")):
            mimetype = "application/javascript"
        with open(resolved, "rb") as f:
            content = f.read()
        return http_util.Respond(request, content, mimetype)


def _method_not_allowed(request):
    resp = http_util.Respond(request, {"error": "method not allowed: use GET"},
                             "application/json", code=405)
    resp.headers["Allow"] = ", ".join(_READ_METHODS)
    return resp


def _safe_static_path(name):
    """Absolute path of a file inside STATIC_DIR, or None (traversal, absent)."""
    if not name or len(name) > 200 or "\x00" in name or "\\" in name:
        return None
    parts = name.split("/")
    if any(p in ("", ".", "..") or p.startswith(".") for p in parts):
        return None
    root = os.path.realpath(STATIC_DIR)
    full = os.path.realpath(os.path.join(root, *parts))
    if not full.startswith(root + os.sep) or not os.path.isfile(full):
        return None
    return full


def _params(request, allowed):
    out = {}
    try:
        args = request.args
    except UnicodeDecodeError:  # raw (not %-encoded) non-UTF-8 bytes
        raise errors.InvalidArgumentError("query string is not valid UTF-8") from None
    for key in args.keys():
        if key not in allowed:
            raise errors.InvalidArgumentError("unknown parameter: %s" % key[:80])
        values = args.getlist(key)
        if len(values) != 1:
            raise errors.InvalidArgumentError("parameter given more than once: %s" % key)
        if len(values[0]) > _MAX_PARAM_LEN:
            raise errors.InvalidArgumentError("parameter too long: %s" % key)
        out[key] = values[0]
    return out


def _overrides(params):
    try:
        return service.overrides_from(
            lr=params.get("lr_tag"), train_loss=params.get("loss_tag"),
            val_loss=params.get("val_loss_tag"), val_acc=params.get("val_acc_tag"))
    except ValueError as e:
        raise errors.InvalidArgumentError(str(e)) from e


def _int_param(params, key, default, lo, hi):
    raw = params.get(key)
    if raw is None or raw == "":
        return default
    if not _INT_RE.match(raw):
        raise errors.InvalidArgumentError("%s must be an integer" % key)
    v = int(raw)
    if not lo <= v <= hi:
        raise errors.InvalidArgumentError("%s must be between %d and %d" % (key, lo, hi))
    return v


def _float_param(params, key):
    raw = params.get(key)
    if raw is None or raw == "":
        return None
    if not _FLOAT_RE.match(raw):
        raise errors.InvalidArgumentError("%s must be a number" % key)
    v = float(raw)
    if not math.isfinite(v):
        raise errors.InvalidArgumentError("%s must be finite" % key)
    return v
