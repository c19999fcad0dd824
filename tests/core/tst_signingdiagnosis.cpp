#include <QtTest>
class TstSigningDiagnosis : public QObject
{
    Q_OBJECT
};
QTEST_GUILESS_MAIN(TstSigningDiagnosis)
#include "tst_signingdiagnosis.moc"
