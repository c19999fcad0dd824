#include <QtTest>

class TstResponse : public QObject
{
    Q_OBJECT
};

QTEST_GUILESS_MAIN(TstResponse)
#include "tst_response.moc"
