// What the window shows of signatures: the table's Signature column, the Signature tab of the
// request detail, and both kept current when re-verification changes results. Requests carry real
// signatures made by Signing::sign() and verdicts from the real verifier.

#include "filterbar.h"
#include "requestdetail.h"
#include "requesttablemodel.h"
#include "requesttableview.h"
#include "signing/signaturereport.h"
#include "signing/signaturesettings.h"
#include "signing/signaturetab.h"
#include "signing/signingsetup.h"
#include "windowtesting.h"

#include "session/summarystore.h"

#include <QAbstractItemModelTester>
#include <QHeaderView>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QtTest>

using Gui::RequestTableModel;
using Signing::Verdict;

namespace {

constexpr qint64 kArrived = 1'780'000'000; // seconds: when every sample request arrived

// The Stripe body has a CR inside, which the signed string must show as \r.
const QByteArray kStripeBody = "{\"id\":\"evt_1\",\r\n\"type\":\"charge.succeeded\"}";
const QByteArray kBody = R"({"action":"opened","number":7})";

Signing::Config config()
{
    Signing::Config c;
    c.secrets = {{QStringLiteral("github"), "gh-secret", {}, QStringLiteral("GitHub main")},
                 {QStringLiteral("stripe"), "whsec_right", {}, QStringLiteral("Stripe live")},
                 {QStringLiteral("slack"), "slack-secret", {}, QStringLiteral("Slack app")}};
    return c;
}

/// The raw request: POST /hooks/<name> with `headers`, then `body`.
QByteArray wire(const QByteArray &name, const Http::HeaderList &headers, const QByteArray &body)
{
    QByteArray head = "POST /hooks/" + name + " HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-Type: application/json\r\n";
    for (const auto &[n, v] : headers)
        head += n + ": " + v + "\r\n";
    return head + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

/// The headers that sign `body` for `scheme` with `secret`, as if signed `before` seconds before
/// it arrived; empty (and a failed check) when signing fails.
Http::HeaderList signedHeaders(const QString &scheme, const QByteArray &secret, const QByteArray &body,
                               qint64 arrived = kArrived, qint64 before = 0)
{
    Signing::SignOptions options;
    options.nowSeconds = arrived - before;
    const Signing::Signed s = Signing::sign(scheme, secret, body, {}, options);
    if (!s.error.isEmpty())
        qWarning("sign %s: %s", qPrintable(scheme), qPrintable(s.error));
    return s.headers;
}

/// A captured request with its verdict from the real verifier, as capture stores it.
Session::CapturedRequestPtr captured(qint64 id, const QByteArray &raw, const Signing::Config &with = config())
{
    auto r = std::make_shared<Session::CapturedRequest>();
    r->id = id;
    r->receivedAtMs = kArrived * 1000;
    r->remoteAddress = QHostAddress(QHostAddress::LocalHost);
    r->remotePort = quint16(40000 + id);
    const qsizetype split = raw.indexOf("\r\n\r\n") + 4;
    r->request = Http::RequestReader::restore(raw.first(split), raw.sliced(split), {});
    r->responseStatus = 200;
    r->signature = Signing::Verifier(with).verify(r->request, kArrived);
    return r;
}

enum Sample { GitHub = 1, Stripe, Slack, Unsigned, Shopify, GitHub2, Stripe2 };

QByteArray sampleWire(Sample sample)
{
    switch (sample) {
    case GitHub:
    case GitHub2:
        return wire("github", signedHeaders(QStringLiteral("github"), "gh-secret", kBody), kBody);
    case Stripe:
    case Stripe2: // signed with a secret other than the one configured
        return wire("stripe", signedHeaders(QStringLiteral("stripe"), "whsec_wrong", kStripeBody), kStripeBody);
    case Slack: // signed 301 s before it arrived; Slack allows 300
        return wire("slack", signedHeaders(QStringLiteral("slack"), "slack-secret", kBody, kArrived, 301), kBody);
    case Unsigned:
        return wire("plain", {}, kBody);
    case Shopify: // no Shopify secret is configured
        return wire("shopify", signedHeaders(QStringLiteral("shopify"), "shop-secret", kBody), kBody);
    }
    return {};
}

Session::CapturedBatch samples()
{
    Session::CapturedBatch batch;
    for (Sample s : {GitHub, Stripe, Slack, Unsigned, Shopify, GitHub2, Stripe2})
        batch.append(captured(s, sampleWire(s)));
    return batch;
}

QString cell(const RequestTableModel &model, qint64 id, int role = Qt::DisplayRole)
{
    return model.index(model.rowOfId(id), RequestTableModel::Signature).data(role).toString();
}

QList<qint64> ids(const RequestTableModel &model)
{
    QList<qint64> out;
    for (int row = 0; row < model.rowCount(); ++row)
        out.append(model.idAt(row));
    return out;
}

Signing::Result result(const QString &scheme, Verdict verdict, const QString &label = {})
{
    Signing::Result r;
    r.scheme = scheme;
    r.verdict = verdict;
    r.secretLabel = label;
    return r;
}

/// The detail, shown, on its Signature tab, with the sample config.
struct OpenTab
{
    Gui::RequestDetail detail;
    OpenTab()
    {
        detail.resize(1000, 700);
        detail.setSignatureConfig(config());
        detail.show();
        detail.tabs()->setCurrentIndex(Gui::RequestDetail::Signature);
    }
    Gui::SignatureTab *tab() const { return detail.signatureTab(); }
    QString text() const { return tab()->text(); }
    QString title() const { return detail.tabs()->tabText(Gui::RequestDetail::Signature); }
};

/// The hex digest a Stripe header "t=...,v1=<hex>" carries.
QByteArray stripeV1(const Http::HeaderList &headers)
{
    for (const auto &[name, value] : headers) {
        if (name.compare("Stripe-Signature", Qt::CaseInsensitive) == 0) {
            const qsizetype at = value.indexOf("v1=");
            return at < 0 ? QByteArray() : value.sliced(at + 3).split(',').first();
        }
    }
    return {};
}

} // namespace

/// The window verifying with config()'s secrets, after a GitHub request signed with its secret
/// and a Stripe one signed with another (a mismatch) came in over a socket.
static bool startSigned(Gui::MainWindow &window, Gui::SignatureSettings **signatures, Gui::SigningSetup *setup)
{
    *signatures = window.findChild<Gui::SignatureSettings *>();
    if (!*signatures || !QTest::qWaitFor([&window] { return WindowTesting::ready(window); }))
        return false;
    for (const Signing::Secret &s : config().secrets)
        setup->entries.append({Gui::SigningSetup::newId(), s, false});
    (*signatures)->apply(*setup);
    // Real requests over a socket; capture verifies them with those secrets.
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QUrl url = window.engine()->url();
    return WindowTesting::answerTo(
               url, wire("github", signedHeaders(QStringLiteral("github"), "gh-secret", kBody, now), kBody))
               .startsWith("HTTP/1.1 200") &&
           WindowTesting::answerTo(
               url,
               wire("stripe", signedHeaders(QStringLiteral("stripe"), "whsec_other", kStripeBody, now), kStripeBody))
               .startsWith("HTTP/1.1 200");
}

class TstSignatureView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void columnTextsAndBadges();
    void sortingGroupsByVerdictThenScheme();
    void columnAppearsWithTheFirstSignedRequest();
    void updatesChangeOneRangeOfTheColumn();
    void updatesMoveRowsWhenSortedBySignature();
    void updatesBeforeTheirRowsAreKept();
    void tabShowsMismatchWithSignedBytesAndSignatures();
    void tabShowsValidAndStale();
    void tabOffersTheSecretsPageWhenNoSecret();
    void tabSaysNotSigned();
    void longSignedBytesAreCutUntilShowAll();
    void largeBodyIsDiagnosedOffTheGuiThreadForTheRequestShown();
    void detailFollowsUpdatesOfTheRequestShown();
    void windowKeepsTableAndTabCurrentWhenSecretsChange();
    void signatureFilterFollowsReverification();
    void screenshot();
};

void TstSignatureView::initTestCase()
{
    WindowTesting::setUpWindowTests();
    // Every sample must carry what the tests say it does, or they test nothing.
    const Session::CapturedBatch batch = samples();
    QCOMPARE(batch.at(0)->signature.verdict, Verdict::Valid);
    QCOMPARE(batch.at(1)->signature.verdict, Verdict::Mismatch);
    QCOMPARE(batch.at(2)->signature.verdict, Verdict::TimestampTooOld);
    QCOMPARE(batch.at(2)->signature.skewSeconds, 301);
    QCOMPARE(batch.at(3)->signature.verdict, Verdict::Unsigned);
    QCOMPARE(batch.at(4)->signature.verdict, Verdict::NoSecret);
}

void TstSignatureView::columnTextsAndBadges()
{
    RequestTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.append(samples());
    QCOMPARE(model.headerData(RequestTableModel::Signature, Qt::Horizontal).toString(), QStringLiteral("Signature"));
    QCOMPARE(cell(model, GitHub), QStringLiteral("✓ GitHub"));
    QCOMPARE(cell(model, Stripe), QStringLiteral("✗ Stripe: mismatch"));
    QCOMPARE(cell(model, Slack), QStringLiteral("✗ Slack: timestamp too old"));
    QCOMPARE(cell(model, Shopify), QStringLiteral("Shopify: no secret"));
    QCOMPARE(cell(model, Unsigned), QString());

    // Badges: green for valid, red for invalid, amber for no secret, none for unsigned.
    const auto badge = [&model](qint64 id) {
        return model.index(model.rowOfId(id), RequestTableModel::Signature)
            .data(RequestTableModel::BadgeColorRole)
            .value<QColor>();
    };
    QVERIFY(badge(GitHub).green() > badge(GitHub).red());
    QVERIFY(badge(Stripe).red() > badge(Stripe).green());
    QCOMPARE(badge(Slack), badge(Stripe));
    QVERIFY(badge(Shopify).isValid() && badge(Shopify) != badge(Stripe) && badge(Shopify) != badge(GitHub));
    QVERIFY(!model.index(model.rowOfId(Unsigned), RequestTableModel::Signature)
                 .data(RequestTableModel::BadgeColorRole)
                 .isValid());
    // No other column is a badge.
    QVERIFY(!model.index(0, RequestTableModel::Status).data(RequestTableModel::BadgeColorRole).isValid());

    // Tooltips: the whole verdict, the secret that matched, the skew.
    QVERIFY2(cell(model, GitHub, Qt::ToolTipRole).contains(QLatin1String("Matched: GitHub main")),
             qPrintable(cell(model, GitHub, Qt::ToolTipRole)));
    QVERIFY2(cell(model, Slack, Qt::ToolTipRole).contains(QLatin1String("Signed 301 s before it arrived")),
             qPrintable(cell(model, Slack, Qt::ToolTipRole)));
    QVERIFY(cell(model, Stripe, Qt::ToolTipRole).startsWith(QLatin1String("Invalid Stripe signature: mismatch")));
}

void TstSignatureView::sortingGroupsByVerdictThenScheme()
{
    RequestTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.append(samples());
    // Ascending: invalid (mismatch, then timestamp), no secret, valid, unsigned; ties by arrival.
    model.sort(RequestTableModel::Signature, Qt::AscendingOrder);
    QCOMPARE(ids(model), (QList<qint64>{Stripe, Stripe2, Slack, Shopify, GitHub, GitHub2, Unsigned}));
    model.sort(RequestTableModel::Signature, Qt::DescendingOrder);
    QCOMPARE(ids(model), (QList<qint64>{Unsigned, GitHub2, GitHub, Shopify, Slack, Stripe2, Stripe}));

    // Within one verdict, schemes go by title: GitHub before Stripe.
    model.sort(RequestTableModel::Signature, Qt::AscendingOrder);
    Session::SignatureUpdates updates{{GitHub, result(QStringLiteral("github"), Verdict::Mismatch)}};
    model.updateSignatures(updates);
    QCOMPARE(ids(model).mid(0, 3), (QList<qint64>{GitHub, Stripe, Stripe2}));

    // A live row merges into its group.
    Session::CapturedBatch more{captured(8, sampleWire(Shopify))};
    model.append(more);
    QCOMPARE(ids(model), (QList<qint64>{GitHub, Stripe, Stripe2, Slack, Shopify, 8, GitHub2, Unsigned}));
}

void TstSignatureView::columnAppearsWithTheFirstSignedRequest()
{
    WindowTesting::clearScratchSessions();
    Gui::MainWindow window(WindowTesting::anyPort());
    QTRY_VERIFY(WindowTesting::ready(window));
    QTableView *view = window.table();
    auto *windowModel = window.model();
    QVERIFY(view->isColumnHidden(RequestTableModel::Signature));
    // Shown after Answer.
    QCOMPARE(view->horizontalHeader()->visualIndex(RequestTableModel::Signature),
             view->horizontalHeader()->visualIndex(RequestTableModel::Status) + 1);

    QSignalSpy changed(windowModel, &RequestTableModel::signedRowsChanged);
    windowModel->append({captured(1, sampleWire(Unsigned))});
    QVERIFY(view->isColumnHidden(RequestTableModel::Signature));
    windowModel->append({captured(2, sampleWire(GitHub))});
    QVERIFY(!view->isColumnHidden(RequestTableModel::Signature));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toBool(), true);
    // Deleting the only signed request hides it again.
    windowModel->removeIds({2});
    QVERIFY(view->isColumnHidden(RequestTableModel::Signature));
}

void TstSignatureView::updatesChangeOneRangeOfTheColumn()
{
    RequestTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.append(samples());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    // Two rows apart, and one whose result did not change: one range, the Signature column only.
    Session::SignatureUpdates updates{{Stripe, result(QStringLiteral("stripe"), Verdict::Valid, QStringLiteral("new"))},
                                      {Shopify, result(QStringLiteral("shopify"), Verdict::Mismatch)},
                                      {GitHub, samples().at(0)->signature}};
    model.updateSignatures(updates);
    QCOMPARE(changed.size(), 1);
    const QModelIndex from = changed.at(0).at(0).toModelIndex();
    const QModelIndex to = changed.at(0).at(1).toModelIndex();
    QCOMPARE(from.row(), model.rowOfId(Stripe));
    QCOMPARE(to.row(), model.rowOfId(Shopify));
    QCOMPARE(from.column(), int(RequestTableModel::Signature));
    QCOMPARE(to.column(), int(RequestTableModel::Signature));
    QCOMPARE(cell(model, Stripe), QStringLiteral("✓ Stripe"));
    QCOMPARE(cell(model, Shopify), QStringLiteral("✗ Shopify: mismatch"));
    QVERIFY(cell(model, Stripe, Qt::ToolTipRole).contains(QLatin1String("Matched: new")));

    // Sorted by another column, the range spans the rows wherever they are now.
    model.sort(RequestTableModel::Id, Qt::DescendingOrder);
    changed.clear();
    model.updateSignatures({{Unsigned, result(QStringLiteral("github"), Verdict::NoSecret)}});
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), model.rowOfId(Unsigned));
    QCOMPARE(changed.at(0).at(1).toModelIndex().row(), model.rowOfId(Unsigned));
    QCOMPARE(cell(model, Unsigned), QStringLiteral("GitHub: no secret"));

    // Nothing changed: nothing said.
    changed.clear();
    model.updateSignatures({{Unsigned, result(QStringLiteral("github"), Verdict::NoSecret)}});
    QCOMPARE(changed.size(), 0);
}

void TstSignatureView::updatesMoveRowsWhenSortedBySignature()
{
    RequestTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.append(samples());
    model.sort(RequestTableModel::Signature, Qt::AscendingOrder);
    QItemSelectionModel selection(&model);
    selection.setCurrentIndex(model.index(model.rowOfId(Stripe), 0), QItemSelectionModel::SelectCurrent);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.updateSignatures({{Stripe, result(QStringLiteral("stripe"), Verdict::Valid)}});
    QCOMPARE(ids(model), (QList<qint64>{Stripe2, Slack, Shopify, GitHub, GitHub2, Stripe, Unsigned}));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(model.idAt(selection.currentIndex().row()), qint64(Stripe)); // the selection went along
}

void TstSignatureView::updatesBeforeTheirRowsAreKept()
{
    // A session still loading, or a row still waiting for its tick: its new result waits for it.
    RequestTableModel model;
    model.updateSignatures({{Stripe, result(QStringLiteral("stripe"), Verdict::Valid)}});
    auto store = std::make_unique<Session::SummaryStore>();
    const Session::CapturedBatch batch = samples();
    for (qsizetype i = 0; i < 3; ++i)
        store->append(*batch.at(i));
    model.setStore(std::move(store));
    QCOMPARE(cell(model, Stripe), QStringLiteral("✓ Stripe"));
    model.updateSignatures({{Shopify, result(QStringLiteral("shopify"), Verdict::Valid, QStringLiteral("Shop"))}});
    model.append(batch);
    QCOMPARE(cell(model, Shopify), QStringLiteral("✓ Shopify"));
    QVERIFY(cell(model, Shopify, Qt::ToolTipRole).contains(QLatin1String("Matched: Shop"))); // not the older result
    QCOMPARE(cell(model, Stripe2), QStringLiteral("✗ Stripe: mismatch"));
    // Another session: what was held for the last one does not apply.
    model.updateSignatures({{9, result(QStringLiteral("github"), Verdict::Mismatch)}});
    model.clear();
    model.append({captured(9, sampleWire(GitHub))});
    QCOMPARE(cell(model, 9), QStringLiteral("✓ GitHub"));
}

void TstSignatureView::tabShowsMismatchWithSignedBytesAndSignatures()
{
    OpenTab open;
    const Session::CapturedRequestPtr stripe = captured(Stripe, sampleWire(Stripe));
    open.detail.showRequest(stripe);
    QTRY_VERIFY(open.tab()->diagnosis().has_value());
    const QString text = open.text();
    QCOMPARE(open.title(), QStringLiteral("Signature ✗"));
    QVERIFY2(text.startsWith(QStringLiteral("✗ Invalid Stripe signature: mismatch")), qPrintable(text));
    // The exact signed string, escaped: Stripe signs "<timestamp>.<body>", and the CR shows.
    QVERIFY2(text.contains(QLatin1String("1780000000.{\"id\":\"evt_1\",\\r\\n")), qPrintable(text));
    QVERIFY(text.contains(QLatin1String("Stripe-Signature")));
    // Received: what the wrong secret gave. Expected: what the configured one gives.
    const QByteArray received = stripeV1(signedHeaders(QStringLiteral("stripe"), "whsec_wrong", kStripeBody));
    const QByteArray expected = stripeV1(signedHeaders(QStringLiteral("stripe"), "whsec_right", kStripeBody));
    QVERIFY(!received.isEmpty() && !expected.isEmpty() && received != expected);
    QVERIFY2(text.contains(QString::fromLatin1(received)), qPrintable(text));
    QVERIFY2(text.contains(QString::fromLatin1(expected)), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("Stripe live — does not match")));
    // The differing part is marked.
    QVERIFY(open.tab()->browser()->toHtml().contains(QLatin1String("font-weight:700")));
    // And the hints, as a list.
    const QStringList hints = open.tab()->diagnosis()->hints;
    QVERIFY(!hints.isEmpty());
    QVERIFY(text.contains(QLatin1String("Hints")));
    QVERIFY2(text.contains(hints.first()), qPrintable(text));
}

void TstSignatureView::tabShowsValidAndStale()
{
    OpenTab open;
    open.detail.showRequest(captured(GitHub, sampleWire(GitHub)));
    QTRY_VERIFY(open.tab()->diagnosis().has_value());
    QCOMPARE(open.title(), QStringLiteral("Signature ✓"));
    QVERIFY2(open.text().startsWith(QStringLiteral("✓ Valid GitHub signature")), qPrintable(open.text()));
    QVERIFY(open.text().contains(QStringLiteral("Matched the secret “GitHub main”")));
    QVERIFY(open.text().contains(QStringLiteral("GitHub main — matches")));

    open.detail.showRequest(captured(Slack, sampleWire(Slack)));
    QTRY_VERIFY(open.tab()->diagnosis().has_value());
    QCOMPARE(open.title(), QStringLiteral("Signature ✗"));
    QVERIFY2(open.text().contains(QLatin1String("Signed 301 s before it arrived; tolerance 300 s.")),
             qPrintable(open.text()));
    // Slack signs "v0:<timestamp>:<body>".
    QVERIFY(open.text().contains(QStringLiteral("v0:%1:{").arg(kArrived - 301)));
}

void TstSignatureView::tabOffersTheSecretsPageWhenNoSecret()
{
    OpenTab open;
    open.detail.showRequest(captured(Shopify, sampleWire(Shopify)));
    QCOMPARE(open.title(), QStringLiteral("Signature ?"));
    QVERIFY2(open.text().startsWith(QStringLiteral("No secret set for Shopify — add one in Settings → Secrets")),
             qPrintable(open.text()));
    QSignalSpy asked(&open.detail, &Gui::RequestDetail::secretsRequested);
    const QString html = open.tab()->browser()->toHtml();
    const qsizetype at = html.indexOf(Gui::SignatureReport::kSecretsLink);
    QVERIFY(at > 0);
    const QString href = html.mid(at, html.indexOf(QLatin1Char('"'), at) - at);
    Q_EMIT open.tab()->browser()->anchorClicked(QUrl(href));
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked.at(0).at(0).toString(), QStringLiteral("shopify"));
}

void TstSignatureView::tabSaysNotSigned()
{
    OpenTab open;
    open.detail.showRequest(captured(Unsigned, sampleWire(Unsigned)));
    QCOMPARE(open.title(), QStringLiteral("Signature"));
    QVERIFY(open.text().startsWith(QLatin1String("Not signed")));
    QVERIFY(!open.tab()->titleColor().isValid());
}

void TstSignatureView::longSignedBytesAreCutUntilShowAll()
{
    OpenTab open;
    QByteArray body = "{\"rows\":[";
    while (body.size() < 20000)
        body += "{\"n\":" + QByteArray::number(body.size()) + "},";
    body += "{}]}";
    open.detail.showRequest(
        captured(1, wire("github", signedHeaders(QStringLiteral("github"), "gh-secret", body), body)));
    QTRY_VERIFY(open.tab()->diagnosis().has_value());
    QVERIFY(open.text().contains(QLatin1String("not shown")));
    QVERIFY(open.text().contains(QLatin1String("{}]}"))); // the end is kept
    Q_EMIT open.tab()->browser()->anchorClicked(QUrl(Gui::SignatureReport::kShowAllLink));
    QVERIFY(!open.text().contains(QLatin1String("not shown")));
    QVERIFY(open.text().contains(QString::fromLatin1(body.mid(body.size() / 2, 40))));
    Q_EMIT open.tab()->browser()->anchorClicked(QUrl(Gui::SignatureReport::kShowLessLink));
    QVERIFY(open.text().contains(QLatin1String("not shown")));
}

void TstSignatureView::largeBodyIsDiagnosedOffTheGuiThreadForTheRequestShown()
{
    OpenTab open;
    const QByteArray large(Gui::SignatureTab::kInlineBodyLimit + 1000, 'x');
    open.detail.showRequest(
        captured(1, wire("github", signedHeaders(QStringLiteral("github"), "gh-secret", large), large)));
    QVERIFY(open.tab()->isDiagnosing()); // not on the GUI thread
    QVERIFY(open.text().contains(QLatin1String("Checking the signature")));
    // Another request selected before the worker is done: the first one's diagnosis never shows.
    open.detail.showRequest(captured(Stripe, sampleWire(Stripe)));
    QVERIFY(open.tab()->diagnosis().has_value()); // small: at once
    QVERIFY(open.tab()->waitForWorker(30000));
    QCoreApplication::processEvents();
    QCOMPARE(open.tab()->diagnosis()->result.scheme, QStringLiteral("stripe"));
    QVERIFY(!open.text().contains(QLatin1String("xxxxxxxx")));

    // Shown alone, the large one's diagnosis arrives.
    open.detail.showRequest(
        captured(1, wire("github", signedHeaders(QStringLiteral("github"), "gh-secret", large), large)));
    QSignalSpy done(open.tab(), &Gui::SignatureTab::diagnosed);
    QVERIFY(done.wait(30000));
    QCOMPARE(open.tab()->diagnosis()->result.verdict, Verdict::Valid);
    QVERIFY(open.text().contains(QLatin1String("not shown")));
}

void TstSignatureView::detailFollowsUpdatesOfTheRequestShown()
{
    OpenTab open;
    open.detail.showRequest(captured(Slack, sampleWire(Slack)));
    QTRY_VERIFY(open.tab()->diagnosis().has_value());
    QCOMPARE(open.title(), QStringLiteral("Signature ✗"));
    // Another request's result changes nothing here.
    open.detail.updateSignatures({{GitHub, result(QStringLiteral("github"), Verdict::Mismatch)}});
    QCOMPARE(open.title(), QStringLiteral("Signature ✗"));
    QVERIFY(open.text().contains(QLatin1String("timestamp too old")));
    // Its own does: the headline and the title, and the request the detail hands out.
    open.detail.updateSignatures(
        {{Slack, result(QStringLiteral("slack"), Verdict::Valid, QStringLiteral("Slack app"))}});
    QCOMPARE(open.title(), QStringLiteral("Signature ✓"));
    QVERIFY2(open.text().startsWith(QStringLiteral("✓ Valid Slack signature")), qPrintable(open.text()));
    QCOMPARE(open.detail.request()->signature.verdict, Verdict::Valid);
}

void TstSignatureView::windowKeepsTableAndTabCurrentWhenSecretsChange()
{
    WindowTesting::clearScratchSessions();
    Gui::MainWindow window(WindowTesting::anyPort());
    window.resize(1300, 900);
    window.show();
    Gui::SignatureSettings *signatures = nullptr;
    Gui::SigningSetup setup;
    QVERIFY(startSigned(window, &signatures, &setup));
    QVERIFY(WindowTesting::answerTo(window.engine()->url(), wire("plain", {}, kBody)).startsWith("HTTP/1.1 200"));
    RequestTableModel *model = window.model();
    QTRY_COMPARE(model->rowCount(), 3);
    QVERIFY(!window.table()->isColumnHidden(RequestTableModel::Signature));
    const qint64 stripeId = model->idAt(1);
    QCOMPARE(cell(*model, model->idAt(0)), QStringLiteral("✓ GitHub"));
    QCOMPARE(cell(*model, stripeId), QStringLiteral("✗ Stripe: mismatch"));
    QCOMPARE(cell(*model, model->idAt(2)), QString());

    // The Stripe request open on its Signature tab.
    window.table()->selectRow(1);
    QTRY_VERIFY(window.isDetailReady());
    window.detail()->tabs()->setCurrentIndex(Gui::RequestDetail::Signature);
    Gui::SignatureTab *tab = window.detail()->signatureTab();
    QTRY_VERIFY(tab->diagnosis().has_value());
    QVERIFY(tab->text().contains(QStringLiteral("Stripe live — does not match")));

    // The right Stripe secret: the session is re-verified in the background, and the cell and the
    // tab follow.
    QSignalSpy changed(model, &QAbstractItemModel::dataChanged);
    setup.entries[1].secret.secret = "whsec_other";
    signatures->apply(setup);
    QTRY_COMPARE_WITH_TIMEOUT(cell(*model, stripeId), QStringLiteral("✓ Stripe"), 10000);
    QVERIFY(!changed.isEmpty());
    for (const QList<QVariant> &range : std::as_const(changed)) {
        QCOMPARE(range.at(0).toModelIndex().column(), int(RequestTableModel::Signature));
        QCOMPARE(range.at(1).toModelIndex().column(), int(RequestTableModel::Signature));
    }
    QTRY_VERIFY2(tab->text().startsWith(QStringLiteral("✓ Valid Stripe signature")), qPrintable(tab->text()));
    QCOMPARE(window.detail()->tabs()->tabText(Gui::RequestDetail::Signature), QStringLiteral("Signature ✓"));
    QVERIFY(tab->text().contains(QStringLiteral("Stripe live — matches")));

    // Selected again later, the request shows its new verdict (the kept record was updated too).
    window.table()->selectRow(0);
    QTRY_VERIFY(window.isDetailReady());
    window.table()->selectRow(1);
    QTRY_VERIFY(window.isDetailReady());
    QCOMPARE(window.detail()->request()->signature.verdict, Verdict::Valid);
    window.close();
}

void TstSignatureView::signatureFilterFollowsReverification()
{
    WindowTesting::clearScratchSessions();
    Gui::MainWindow window(WindowTesting::anyPort());
    Gui::SignatureSettings *signatures = nullptr;
    Gui::SigningSetup setup;
    QVERIFY(startSigned(window, &signatures, &setup));
    RequestTableModel *model = window.model();
    QTRY_COMPARE(model->rowCount(), 2);

    // The user looks at what fails, then fixes the Stripe secret: the failure leaves the list.
    window.filterBar()->setText(QStringLiteral("signature:invalid"));
    QTRY_VERIFY(!window.isFiltering());
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(cell(*model, model->idAt(0)), QStringLiteral("✗ Stripe: mismatch"));
    setup.entries[1].secret.secret = "whsec_other";
    signatures->apply(setup);
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 0, 10000);
    window.filterBar()->setText(QStringLiteral("signature:valid"));
    QTRY_VERIFY(!window.isFiltering());
    QCOMPARE(model->rowCount(), 2);
}

void TstSignatureView::screenshot()
{
    // For a person to look at: HOOKSCOPE_SCREENSHOTS=DIR writes the Signature tab as PNGs.
    const QString dir = qEnvironmentVariable("HOOKSCOPE_SCREENSHOTS");
    if (dir.isEmpty())
        QSKIP("set HOOKSCOPE_SCREENSHOTS=DIR to write screenshots of the Signature tab");
    OpenTab open;
    for (Sample s : {Stripe, Slack, GitHub, Shopify}) {
        open.detail.showRequest(captured(s, sampleWire(s)));
        QTRY_VERIFY(open.tab()->diagnosis().has_value() || s == Shopify);
        QVERIFY(open.detail.grab().save(QStringLiteral("%1/signature-%2.png").arg(dir).arg(int(s))));
    }
    RequestTableModel model;
    model.append(samples());
    Gui::RequestTableView view(&model);
    view.resize(1100, 240);
    view.show();
    view.selectRow(2);
    QVERIFY(view.grab().save(dir + QStringLiteral("/table.png")));
}

// Settings, config files and the secrets' fallback file go to a folder made for this run.
int main(int argc, char **argv)
{
    QTemporaryDir home;
    if (!home.isValid())
        return 1;
    WindowTesting::useHome(home.path());
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("HookscopeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_signatureview"));
    TstSignatureView test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_signatureview.moc"
