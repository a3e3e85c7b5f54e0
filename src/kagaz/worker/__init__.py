"""Background work: the in-process worker pool (``KAGAZ_QUEUE=local``), the Celery task of
``kagaz worker`` (``KAGAZ_QUEUE=celery``) and the broker it is fed from, the sweeper, lease
keeping, the callback sender's threads and the watchdog. Each runs the services
(:mod:`kagaz.services`); none decides what happens to a document itself.
"""
