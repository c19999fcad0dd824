#include <QtTest>

class TstRequestreader : public QObject
{
    Q_OBJECT
};

QTEST_GUILESS_MAIN(TstRequestreader)
#include "tst_requestreader.moc"
