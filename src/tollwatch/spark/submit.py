"""The script ``spark-submit`` runs: the ``tollwatch`` command line, with the master and resources
``spark-submit`` was given.

    spark-submit --master yarn --archives env.tar.gz#env src/tollwatch/spark/submit.py \\
        spark extract s3a://bucket/reports/ s3a://bucket/tollwatch/
"""

from tollwatch.cli import main

if __name__ == "__main__":
    main()
