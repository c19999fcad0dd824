// Renders the README's screenshot of the window, headless: the real window listens on a free
// port, real webhooks arrive over real sockets, a GitHub push is selected with its body shown
// formatted, and the window is grabbed into a PNG. Run through packaging/screenshot/make.sh.
//
//   hookscope_screenshot OUT.png [--width W] [--height H] [--dark] [--sender | --first-run]
//
// --first-run shows the window as a new user first sees it: nothing captured yet, the URL with
// Copy, a curl command, Send a Test Webhook and the Public URL switch.
// --sender shows the sender panel instead: a signed GitHub push fanned out to two paths of the
// window's own listener and to a port where nothing listens, retried once.

#include "capture/answerrules.h"
#include "mainwindow.h"
#include "requestdetail.h"
#include "requesttablemodel.h"
#include "send/resultsmodel.h"
#include "send/senderpanel.h"
#include "send/sendoptions.h"
#include "send/signingpicker.h"
#include "send/workspaces.h"
#include "signing/signaturesettings.h"
#include "signing/signingsetup.h"
#include "translations.h"

#include "capture/captureengine.h"
#include "capture/responserules.h"
#include "capture/sessioncontroller.h"
#include "delivery/template.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QImage>
#include <QMessageAuthenticationCode>
#include <QPalette>
#include <QPixmap>
#include <QSpinBox>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QUrl>

#include <cstdio>
#include <cstdlib>
#include <functional>

namespace {

// Deliveries as their senders make them: the header names, order and spelling of GitHub, Stripe,
// Shopify and Slack; bodies shortened but shaped like the real ones.
const char githubPush[] =
    R"({"ref":"refs/heads/main","before":"4f9a0c1e2b7d8a3f6c5e4d3b2a1908f7e6d5c4b3","after":"9c2e7b1d4a6f8e0c3b5a7d9f1e2c4b6a8d0f2e4c","repository":{"id":711250397,"node_id":"R_kgDOKmTzXQ","name":"hookscope","full_name":"acme/hookscope","private":false,"html_url":"https://github.com/acme/hookscope","default_branch":"main","stargazers_count":1280,"size":4.5e3},"pusher":{"name":"ada","email":"ada@example.com"},"sender":{"login":"ada","id":5823410,"type":"User","site_admin":false},"created":false,"deleted":false,"forced":false,"compare":"https://github.com/acme/hookscope/compare/4f9a0c1e2b7d...9c2e7b1d4a6f","commits":[{"id":"9c2e7b1d4a6f8e0c3b5a7d9f1e2c4b6a8d0f2e4c","message":"Show the answer sent in the overview\n\nStatus, headers and body.","timestamp":"2026-11-27T09:41:07+01:00","author":{"name":"Ada","username":"ada"},"added":[],"removed":[],"modified":["ui/requestdetail.cpp"]}],"head_commit":{"id":"9c2e7b1d4a6f8e0c3b5a7d9f1e2c4b6a8d0f2e4c","distinct":true,"message":"Show the answer sent in the overview\n\nStatus, headers and body."}})";

const char stripeEvent[] =
    R"({"id":"evt_1QdE4kLkdIwHu7ixQ2b9ZkVf","object":"event","api_version":"2024-06-20","created":1795774867,"data":{"object":{"id":"pi_3QdE4jLkdIwHu7ix0Z6xKq3R","object":"payment_intent","amount":4200,"currency":"eur","status":"succeeded"}},"livemode":false,"pending_webhooks":1,"type":"payment_intent.succeeded"})";

const char shopifyOrder[] =
    R"({"id":820982911946154508,"email":"jon@example.com","total_price":"199.00","currency":"USD","financial_status":"paid","line_items":[{"id":866550311766439020,"title":"IPod Nano - 8GB","quantity":1,"price":"199.00"}]})";

const char slackForm[] = "token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=T0001&channel_name=deploys&user_name=ada"
                         "&command=%2Fdeploy&text=hookscope+main";

QByteArray hmac(const QByteArray &key, const QByteArray &message)
{
    return QMessageAuthenticationCode::hash(message, key, QCryptographicHash::Sha256);
}

QByteArray request(const QByteArray &method, const QByteArray &target, quint16 port, const QList<QByteArray> &headers,
                   const QByteArray &body)
{
    QByteArray out = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\n";
    for (const QByteArray &h : headers)
        out += h + "\r\n";
    if (!body.isEmpty() || method != "GET")
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    return out + "\r\n" + body;
}

/// Sends the bytes on a fresh connection and waits for the answer (or the close, for bad input).
bool deliver(quint16 port, const QByteArray &bytes)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return false;
    socket.write(bytes);
    socket.waitForBytesWritten(5000);
    return socket.waitForReadyRead(5000);
}

bool waitFor(const std::function<bool()> &done, int ms = 10'000)
{
    QDeadlineTimer deadline(ms);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(5);
    }
    return true;
}

int fail(const char *what)
{
    std::fprintf(stderr, "hookscope_screenshot: %s\n", what);
    return 1;
}

} // namespace

/// The sender: GitHub's push template, signed, to two paths of the window's listener and to a
/// port nothing listens on (retried once); the first destination's exchange selected.
bool fanOut(Gui::MainWindow &window)
{
    auto *workspaces = window.findChild<Gui::Workspaces *>();
    Gui::SenderPanel *panel = workspaces->panel();
    workspaces->show(Gui::Workspaces::Sender);
    QTcpServer closed; // bound, then let go: a port where nothing listens
    closed.listen(QHostAddress::LocalHost, 0);
    const quint16 closedPort = closed.serverPort();
    closed.close();
    const QUrl listener = window.engine()->url();
    QUrl ci = listener;
    ci.setPath(QStringLiteral("/github"));
    ci.setQuery(QStringLiteral("hook=ci"));
    QUrl staging = listener;
    staging.setPath(QStringLiteral("/staging/github"));
    for (const Delivery::Template &t : Delivery::Template::builtIn()) {
        if (t.id == QLatin1String("github-push"))
            panel->applyTemplate(t, {ci, staging, QUrl(QStringLiteral("http://127.0.0.1:%1/github").arg(closedPort))});
    }
    panel->signing()->setScheme(QStringLiteral("github"));
    panel->signing()->setTypedSecret("It's a Secret to Everybody");
    panel->options()->attemptsBox()->setValue(2);
    if (!panel->send())
        return false;
    if (!waitFor([&] { return !panel->isSending() && panel->results()->rowCount() == 4; }))
        return false;
    for (int row = 0; row < panel->results()->rowCount(); ++row) {
        if (panel->results()->report(row).exchange.hasResponse()) {
            panel->resultsView()->selectRow(row); // what was sent and what came back
            break;
        }
    }
    waitFor([] { return false; }, 200); // the exchange view fills
    return true;
}

int main(int argc, char **argv)
{
    // Nothing of the user's is read or touched: settings and the scratch session go to a
    // temporary folder, and no display is needed.
    QTemporaryDir home;
    if (!home.isValid())
        return fail("cannot make a temporary folder");
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(home.filePath(QStringLiteral("config"))));
    qputenv("XDG_DATA_HOME", QFile::encodeName(home.filePath(QStringLiteral("data"))));
    qputenv("XDG_CACHE_HOME", QFile::encodeName(home.filePath(QStringLiteral("cache"))));
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Hookscope"));
    QApplication::setApplicationName(QStringLiteral("Hookscope"));
    Gui::installTranslations(); // as main() does: "1 request", not "1 request(s)"
    QApplication::setStyle(QStringLiteral("Fusion"));
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSize(10);
    QApplication::setFont(font);

    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("out"), QStringLiteral("the PNG to write"));
    const QCommandLineOption widthOption(QStringLiteral("width"), QStringLiteral("window width"), QStringLiteral("px"),
                                         QStringLiteral("1280"));
    const QCommandLineOption heightOption(QStringLiteral("height"), QStringLiteral("window height"),
                                          QStringLiteral("px"), QStringLiteral("820"));
    const QCommandLineOption darkOption(QStringLiteral("dark"),
                                        QStringLiteral("a dark palette, as a dark desktop gives"));
    parser.addOption(widthOption);
    parser.addOption(heightOption);
    const QCommandLineOption senderOption(
        QStringLiteral("sender"), QStringLiteral("the sender panel after a fan-out with one failing destination"));
    const QCommandLineOption firstRunOption(QStringLiteral("first-run"),
                                            QStringLiteral("the window before anything has arrived"));
    parser.addOption(darkOption);
    parser.addOption(senderOption);
    parser.addOption(firstRunOption);
    parser.process(app);
    if (parser.isSet(darkOption)) {
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(45, 45, 48));
        dark.setColor(QPalette::WindowText, QColor(230, 230, 230));
        dark.setColor(QPalette::Base, QColor(30, 30, 32));
        dark.setColor(QPalette::AlternateBase, QColor(40, 40, 44));
        dark.setColor(QPalette::Text, QColor(230, 230, 230));
        dark.setColor(QPalette::Button, QColor(50, 50, 54));
        dark.setColor(QPalette::ButtonText, QColor(230, 230, 230));
        dark.setColor(QPalette::Highlight, QColor(42, 130, 218));
        dark.setColor(QPalette::HighlightedText, Qt::white);
        dark.setColor(QPalette::PlaceholderText, QColor(140, 140, 140));
        dark.setColor(QPalette::Disabled, QPalette::Text, QColor(120, 120, 120));
        QApplication::setPalette(dark);
    }
    if (parser.positionalArguments().size() != 1)
        return fail("usage: hookscope_screenshot OUT.png [--width W] [--height H]");

    Gui::WindowOptions options; // 8080 or the next free port, as a user sees it
    // A dialog left open would wait for a click forever: give up instead.
    QTimer::singleShot(60'000, [] {
        std::fprintf(stderr, "hookscope_screenshot: timed out (a dialog open?)\n");
        std::_Exit(1);
    });
    Gui::MainWindow window(options);
    window.resize(parser.value(widthOption).toInt(), parser.value(heightOption).toInt());
    window.show();
    if (!waitFor([&] { return window.engine()->isListening() && !window.isLoading() && !window.sessions()->isBusy(); }))
        return fail("the listener did not start");
    const QString out = parser.positionalArguments().constFirst();
    if (parser.isSet(firstRunOption)) {
        waitFor([] { return false; }, 300); // let the views settle their first paint
        if (!window.grab().toImage().save(out, "PNG"))
            return fail("cannot write the PNG");
        std::printf("%s: %dx%d, the first run\n", qPrintable(out), window.width(), window.height());
        return 0;
    }

    // Shopify's first delivery fails, so its retry shows in the table.
    Capture::ResponseRules rules;
    Capture::ResponseRule shopify;
    shopify.name = QStringLiteral("Shopify retries");
    shopify.pathPattern = QStringLiteral("/shopify/*");
    Capture::AnswerSpec failing;
    failing.status = 500;
    failing.body = R"({"error":"database is down"})";
    shopify.answers = {failing, Capture::AnswerSpec()};
    rules.rules.append(shopify);
    window.findChild<Gui::AnswerRules *>()->apply(rules);

    // The secrets the senders sign with, as a user sets them on the Secrets page: the signatures
    // show valid (the screenshot's temporary home keeps them, never the user's keychain).
    Gui::SigningSetup secrets;
    int n = 0;
    for (const auto &[scheme, secret] :
         {std::pair{"github", "It's a Secret to Everybody"}, std::pair{"stripe", "whsec_screenshot"},
          std::pair{"shopify", "shpss_screenshot"}}) {
        Gui::SecretEntry entry;
        entry.id = QStringLiteral("screenshot-%1").arg(++n);
        entry.secret.scheme = QString::fromLatin1(scheme);
        entry.secret.secret = secret;
        secrets.entries.append(entry);
    }
    auto *signatures = window.findChild<Gui::SignatureSettings *>();
    signatures->apply(secrets);
    if (!waitFor([&] { return signatures->config().secrets.size() == secrets.entries.size(); }))
        return fail("the secrets were not taken");

    const quint16 port = window.engine()->url().port();
    const QByteArray github = githubPush;
    const QByteArray stripe = stripeEvent;
    const QByteArray stripeTime = QByteArray::number(QDateTime::currentSecsSinceEpoch());
    const QByteArray stripeSigned = stripeTime + '.' + stripe;
    const QByteArray shopifySignature = hmac("shpss_screenshot", shopifyOrder).toBase64();
    const QList<QByteArray> deliveries = {
        request("POST", "/stripe/events", port,
                {"User-Agent: Stripe/1.0 (+https://stripe.com/docs/webhooks)", "Accept: */*; q=0.5, application/xml",
                 "Cache-Control: no-cache", "Content-Type: application/json; charset=utf-8",
                 "Stripe-Signature: t=" + stripeTime + ",v1=" + hmac("whsec_screenshot", stripeSigned).toHex()},
                stripe),
        request("POST", "/shopify/orders/create", port,
                {"X-Shopify-Topic: orders/create", "X-Shopify-Shop-Domain: acme.myshopify.com",
                 "X-Shopify-Hmac-Sha256: " + shopifySignature, "Content-Type: application/json"},
                shopifyOrder),
        request("POST", "/shopify/orders/create", port,
                {"X-Shopify-Topic: orders/create", "X-Shopify-Shop-Domain: acme.myshopify.com",
                 "X-Shopify-Hmac-Sha256: " + shopifySignature, "Content-Type: application/json"},
                shopifyOrder),
        request("POST", "/slack/commands", port,
                {"User-Agent: Slackbot 1.0 (+https://api.slack.com/robots)",
                 "Content-Type: application/x-www-form-urlencoded"},
                slackForm),
        // A sender with bare LF line endings: rejected, and kept with the reason.
        QByteArray("POST /legacy/notify HTTP/1.1\nHost: 127.0.0.1\nContent-Length: 2\n\n{}"),
        request("GET", "/health", port, {"User-Agent: kube-probe/1.29"}, {}),
        request("POST", "/github?hook=ci", port,
                {"Accept: */*", "User-Agent: GitHub-Hookshot/7e2d5c1",
                 "X-GitHub-Delivery: 6f1c2b5e-8a4d-11ef-9b3a-7c1d5e9f0a21", "X-GitHub-Event: push",
                 "X-GitHub-Hook-ID: 512345678", "X-GitHub-Hook-Installation-Target-ID: 711250397",
                 "X-GitHub-Hook-Installation-Target-Type: repository",
                 "X-Hub-Signature-256: sha256=" + hmac("It's a Secret to Everybody", github).toHex(),
                 "Content-Type: application/json"},
                github),
    };
    for (const QByteArray &bytes : deliveries) {
        if (!deliver(port, bytes))
            return fail("a delivery got no answer");
    }
    if (!waitFor([&] { return window.model()->rowCount() == int(deliveries.size()); }))
        return fail("not every delivery reached the table");

    // Saved under a name, as a user would have it.
    window.saveSessionAs(home.filePath(QStringLiteral("acme-webhooks.hookscope")));
    if (!waitFor([&] {
            return !window.sessions()->isBusy() && !window.isLoading() &&
                   window.model()->rowCount() == int(deliveries.size()) &&
                   window.sessions()->path().endsWith(QLatin1String("acme-webhooks.hookscope"));
        }))
        return fail("saving the session failed");

    // The GitHub push, its body formatted.
    const int githubRow = window.model()->rowCount() - 1;
    window.table()->selectRow(githubRow);
    window.detail()->tabs()->setCurrentIndex(Gui::RequestDetail::Body);
    if (!waitFor([&] { return window.isDetailReady() && window.detail()->bodyText().contains(QLatin1Char('\n')); }))
        return fail("the body was not formatted");
    if (parser.isSet(senderOption) && !fanOut(window))
        return fail("the fan-out did not finish");
    window.statusBar()->clearMessage(); // show the listening URL, not the last note
    waitFor([] { return false; }, 300); // let the views settle their first paint

    if (!window.grab().toImage().save(out, "PNG"))
        return fail("cannot write the PNG");
    std::printf("%s: %dx%d, %d requests, http://127.0.0.1:%u\n", qPrintable(out), window.width(), window.height(),
                window.model()->rowCount(), port);
    return 0;
}
