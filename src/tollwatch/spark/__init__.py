"""The pipeline on Apache Spark: the same pure stages as the CLI, over millions of reports.

- ``extract.run``   records (JSONL, Parquet, WARC) to Parquet ``documents``, ``claims``, ``events`` and
                    ``rejects``, partitioned by publication month (``schema`` describes them)
- ``link.run``      ``documents`` to ``incidents``: blocking by date window and place cell as joins
- ``load.load``     ``documents`` and ``rejects`` into the SQLite or PostgreSQL store (pyarrow; no Spark)
- ``session``       the session, and the gazetteer shipped to executors and loaded once per Python worker
- ``rows``          extractions and incidents as Parquet rows, and back

``tollwatch/spark/submit.py`` is the script to give ``spark-submit`` (docs/spark.md).
"""
