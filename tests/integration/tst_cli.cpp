#include <QtTest>

class TstCli : public QObject
{
    Q_OBJECT
};

QTEST_GUILESS_MAIN(TstCli)
#include "tst_cli.moc"
