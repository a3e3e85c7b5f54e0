"""The review console's static page (``static/``), served by :mod:`kagaz.api.routes.console`."""
