"""The plugin behind TensorBoard's own WSGI app, as TensorBoard's plugin tests drive theirs."""

from werkzeug import test as werkzeug_test
from werkzeug import wrappers

from tb_lrsched import plugin as lr_plugin

PREFIX = "/data/plugin/lr_health"


def make_client(logdir, sampling_hints=None):
    """(werkzeug test client, plugin) over a Python-loader provider reading `logdir`."""
    from tensorboard.backend import application
    from tensorboard.backend.event_processing import data_provider as dp
    from tensorboard.backend.event_processing import plugin_event_multiplexer as pem
    from tensorboard.plugins import base_plugin

    mux = pem.EventMultiplexer(tensor_size_guidance=sampling_hints or {})
    mux.AddRunsFromDirectory(logdir)
    mux.Reload()
    provider = dp.MultiplexerDataProvider(mux, logdir)
    ctx = base_plugin.TBContext(logdir=logdir, data_provider=provider,
                                sampling_hints=sampling_hints or {})
    plugin = lr_plugin.LRHealthPlugin(ctx)
    app = application.TensorBoardWSGI([plugin], data_provider=provider)
    return werkzeug_test.Client(app, wrappers.Response), plugin
