#include <QtTest>

class TstListener : public QObject
{
    Q_OBJECT
};

QTEST_GUILESS_MAIN(TstListener)
#include "tst_listener.moc"
