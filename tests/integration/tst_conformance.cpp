#include <QtTest>

class TstConformance : public QObject
{
    Q_OBJECT
};

QTEST_GUILESS_MAIN(TstConformance)
#include "tst_conformance.moc"
