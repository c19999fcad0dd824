#include <QtTest>

class TstNdjson : public QObject
{
    Q_OBJECT
};

QTEST_GUILESS_MAIN(TstNdjson)
#include "tst_ndjson.moc"
