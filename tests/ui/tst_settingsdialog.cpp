// The Settings dialog as a user meets it: it shows what is stored, warns before exposing the
// listener to the network, refuses what is not an address, stores what was chosen, and the
// running window applies it to the listener at once.

#include "mainwindow.h"
#include "requesttablemodel.h"
#include "settings.h"
#include "settingsdialog.h"
#include "windowtesting.h"

#include "capture/captureengine.h"
#include "capture/sessioncontroller.h"
#include "session/scratch.h"

#include <QAction>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

#include <functional>

namespace {

using Gui::Settings;
using WindowTesting::answerTo;
using WindowTesting::anyPort;
using WindowTesting::ready;
using WindowTesting::whenModal;

/// The dialog's widgets, found the way a user reads the form: by the label beside each field.
struct Form
{
    explicit Form(QDialog *dialog)
    {
        auto *form = dialog->findChild<QFormLayout *>(QStringLiteral("captureForm")); // not the Secrets page's
        if (!form)
            return;
        for (int row = 0; row < form->rowCount(); ++row) {
            QLayoutItem *labelItem = form->itemAt(row, QFormLayout::LabelRole);
            QLayoutItem *fieldItem = form->itemAt(row, QFormLayout::FieldRole);
            QWidget *field = fieldItem ? fieldItem->widget() : nullptr;
            auto *label = labelItem ? qobject_cast<QLabel *>(labelItem->widget()) : nullptr;
            if (!field)
                continue;
            if (!label || label->text().isEmpty()) {
                if (auto *text = qobject_cast<QLabel *>(field))
                    warning = text; // the unlabelled line under the address
                continue;
            }
            fields.insert(label->text(), field);
        }
        address = qobject_cast<QLineEdit *>(fields.value(QStringLiteral("Listen on address:")));
        port = spin(QStringLiteral("Port:"));
        maxBodyMb = spin(QStringLiteral("Largest body:"));
        maxHeadKb = spin(QStringLiteral("Largest request head:"));
        maxHeaders = spin(QStringLiteral("Most header fields:"));
        headTimeoutS = spin(QStringLiteral("Head must arrive within:"));
        idleTimeoutS = spin(QStringLiteral("Close idle connections after:"));
        maxConnections = spin(QStringLiteral("Most connections at once:"));
        durable = qobject_cast<QCheckBox *>(fields.value(QStringLiteral("Durable answers:")));
        if (auto *box = dialog->findChild<QDialogButtonBox *>()) {
            ok = box->button(QDialogButtonBox::Ok);
            cancel = box->button(QDialogButtonBox::Cancel);
        }
    }

    bool complete() const
    {
        return address && warning && port && maxBodyMb && maxHeadKb && maxHeaders && headTimeoutS && idleTimeoutS &&
               maxConnections && durable && ok && cancel;
    }

    QSpinBox *spin(const QString &label) const { return qobject_cast<QSpinBox *>(fields.value(label)); }

    /// What every field shows, in one line; only for a complete() form.
    QString shows() const
    {
        const auto number = [](const QSpinBox *box) { return QString::number(box->value()); };
        return QStringLiteral("address %1, port %2, body %3 MiB, head %4 KiB, %5 headers, head within %6 s, "
                              "idle %7 s, %8 connections, durable %9")
            .arg(address->text(), number(port), number(maxBodyMb), number(maxHeadKb), number(maxHeaders),
                 number(headTimeoutS), number(idleTimeoutS), number(maxConnections),
                 durable->isChecked() ? QStringLiteral("on") : QStringLiteral("off"));
    }

    /// Replaces the address the way a user does: select what is there and type over it.
    void typeAddress(const QString &text) const
    {
        address->setFocus();
        address->selectAll();
        if (text.isEmpty())
            QTest::keyClick(address, Qt::Key_Backspace);
        else
            QTest::keyClicks(address, text);
    }

    QHash<QString, QWidget *> fields;
    QLineEdit *address = nullptr;
    QLabel *warning = nullptr;
    QSpinBox *port = nullptr;
    QSpinBox *maxBodyMb = nullptr;
    QSpinBox *maxHeadKb = nullptr;
    QSpinBox *maxHeaders = nullptr;
    QSpinBox *headTimeoutS = nullptr;
    QSpinBox *idleTimeoutS = nullptr;
    QSpinBox *maxConnections = nullptr;
    QCheckBox *durable = nullptr;
    QPushButton *ok = nullptr;
    QPushButton *cancel = nullptr;
};

/// Shows `dialog` as a user gets it; true once it is on screen with every field of `form` in place.
/// Whether all of `label`'s text can be seen: it wraps, and the part of it on screen (not cut by the
/// dialog, its tab page or its own height) is as tall as the wrapped text needs at its width.
bool readsInFull(const QLabel *label)
{
    if (!label->isVisible() || !label->wordWrap())
        return false;
    const int needed = label->heightForWidth(label->width());
    return needed > 0 && label->visibleRegion().boundingRect().height() >= needed;
}

bool opened(QDialog &dialog, const Form &form)
{
    dialog.show();
    return QTest::qWaitForWindowExposed(&dialog) && form.complete();
}

/// Capture ▸ Settings… in `window`: `fill` works the form from inside the dialog's exec() and ends
/// it (OK or Return). True once the dialog came up with every field in place.
bool inSettings(Gui::MainWindow &window, const std::function<void(const Form &)> &fill)
{
    bool handled = false;
    auto complete = std::make_shared<bool>(false);
    whenModal<Gui::SettingsDialog>(
        [complete, fill](Gui::SettingsDialog *dialog) {
            const Form form(dialog);
            *complete = form.complete();
            if (!*complete)
                return dialog->reject();
            fill(form);
        },
        &handled);
    window.action(QStringLiteral("settings"))->trigger();
    return handled && *complete;
}

QByteArray statusLine(const QByteArray &answer)
{
    return answer.left(answer.indexOf("\r\n"));
}

QByteArray postOfLength(qint64 length)
{
    return "POST /big HTTP/1.1\r\nHost: h\r\nContent-Type: application/octet-stream\r\nContent-Length: " +
           QByteArray::number(length) + "\r\n\r\n";
}

bool canListenOnIpv6Loopback()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHostIPv6, 0);
}

/// The toolbar's address field, found by its tooltip.
QLineEdit *toolbarAddress(Gui::MainWindow &window)
{
    for (QLineEdit *edit : window.findChildren<QLineEdit *>()) {
        if (edit->toolTip().contains(QStringLiteral("listen on")))
            return edit;
    }
    return nullptr;
}

quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

} // namespace

class TstSettingsDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void showsStoredValues();
    void showsDefaultsWhenNothingStored();
    void bindAddressWarning_data();
    void bindAddressWarning();
    void networkWarningReadsInFull_data();
    void networkWarningReadsInFull();
    void garbageAddressIsRefused();
    void acceptStoresEveryField();
    void cancelStoresNothing();
    void lowerBodyLimitAppliesToTheRunningListener();
    void changedPortRebindsTheListener();
    void changedAddressRebindsTheListener();
    void unrelatedChangeKeepsTheNextFreePort();
    void toolbarAddressIsRemembered();
    void toolbarTakesAnAddressWithoutAPort();
};

void TstSettingsDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("HookscopeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_settingsdialog"));
    qputenv("HOOKSCOPE_NO_DIALOGS", "1");
}

void TstSettingsDialog::init()
{
    QSettings().clear();
    QDir(Session::Scratch::directory()).removeRecursively();
}

void TstSettingsDialog::showsStoredValues()
{
    Settings s;
    s.set(Settings::BindAddress, QStringLiteral("0.0.0.0"));
    s.set(Settings::Port, 9123);
    s.set(Settings::MaxBodyBytes, qint64(5) * 1024 * 1024);
    s.set(Settings::MaxHeadBytes, qint64(32) * 1024);
    s.set(Settings::MaxHeaderCount, 77);
    s.set(Settings::HeadTimeoutMs, 12'000);
    s.set(Settings::IdleTimeoutMs, 45'000);
    s.set(Settings::MaxConnections, 321);
    s.set(Settings::DurableAnswers, false);

    Gui::SettingsDialog dialog;
    const Form form(&dialog);
    QVERIFY(opened(dialog, form));
    QCOMPARE(form.shows(), QStringLiteral("address 0.0.0.0, port 9123, body 5 MiB, head 32 KiB, 77 headers, "
                                          "head within 12 s, idle 45 s, 321 connections, durable off"));
    QVERIFY(form.maxBodyMb->text().contains(QStringLiteral("MiB")));
    QVERIFY(form.maxHeadKb->text().contains(QStringLiteral("KiB")));
    // The stored address is open to the network, and the dialog says so from the start.
    QVERIFY(form.warning->isVisible());
    QVERIFY(form.warning->text().contains(QStringLiteral("network")));
}

void TstSettingsDialog::showsDefaultsWhenNothingStored()
{
    Gui::SettingsDialog dialog;
    const Form form(&dialog);
    QVERIFY(opened(dialog, form));
    QCOMPARE(form.shows(), QStringLiteral("address 127.0.0.1, port 8080, body 100 MiB, head 64 KiB, 256 headers, "
                                          "head within 30 s, idle 60 s, 1024 connections, durable on"));
    QVERIFY(!form.warning->isVisible());
    // Port 0 reads as words, not as a number that looks like a mistake.
    form.port->setValue(0);
    QCOMPARE(form.port->text(), QStringLiteral("any free port"));
}

void TstSettingsDialog::bindAddressWarning_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("shown"); // "" none, "network" exposure warning, else why it is not an address

    QTest::newRow("all IPv4 interfaces") << QStringLiteral("0.0.0.0") << QStringLiteral("network");
    QTest::newRow("LAN address") << QStringLiteral("192.168.1.10") << QStringLiteral("network");
    QTest::newRow("all IPv6 interfaces") << QStringLiteral("::") << QStringLiteral("network");
    QTest::newRow("IPv4 loopback") << QStringLiteral("127.0.0.1") << QString();
    QTest::newRow("IPv6 loopback") << QStringLiteral("::1") << QString();
    QTest::newRow("localhost") << QStringLiteral("localhost") << QString();
    QTest::newRow("loopback with spaces") << QStringLiteral(" 127.0.0.1 ") << QString();
    // `listen --bind` took the bracketed form and this dialog did not; one parser now serves both.
    QTest::newRow("IPv6 loopback in brackets") << QStringLiteral("[::1]") << QString();
    QTest::newRow("garbage") << QStringLiteral("not-an-ip") << QStringLiteral("'not-an-ip' is not an IP address.");
    QTest::newRow("host name") << QStringLiteral("example.com")
                               << QStringLiteral("'example.com' is not an IP address.");
    QTest::newRow("empty") << QString() << QStringLiteral("No address given.");
    // Read the inet_aton way this was 8.0.0.1, silently.
    QTest::newRow("leading zero") << QStringLiteral("010.0.0.1")
                                  << QStringLiteral("'010.0.0.1' is not an IPv4 address in full, such as 127.0.0.1 "
                                                    "(four numbers 0 to 255, no leading zeros).");
    QTest::newRow("with a port") << QStringLiteral("127.0.0.1:8080")
                                 << QStringLiteral("'127.0.0.1:8080' has a port; give the address alone.");
}

void TstSettingsDialog::bindAddressWarning()
{
    QFETCH(QString, typed);
    QFETCH(QString, shown);
    Settings().set(Settings::BindAddress, QStringLiteral("10.1.2.3")); // starts with a warning showing
    Gui::SettingsDialog dialog;
    const Form form(&dialog);
    QVERIFY(opened(dialog, form));
    QVERIFY(form.warning->isVisible());

    form.typeAddress(typed);
    QCOMPARE(form.address->text(), typed);
    if (shown.isEmpty()) {
        QVERIFY2(!form.warning->isVisible(), qPrintable(form.warning->text()));
    } else {
        QVERIFY(form.warning->isVisible());
        if (shown == QLatin1String("network")) {
            QVERIFY2(form.warning->text().contains(QStringLiteral("Other machines on the network")),
                     qPrintable(form.warning->text()));
            QVERIFY(form.warning->text().contains(QStringLiteral("127.0.0.1"))); // says what to use instead
        } else {
            QCOMPARE(form.warning->text(), shown);
        }
    }
}

void TstSettingsDialog::networkWarningReadsInFull_data()
{
    QTest::addColumn<QString>("stored");
    QTest::newRow("typed into an open dialog") << QStringLiteral("127.0.0.1");
    QTest::newRow("stored before it opened") << QStringLiteral("0.0.0.0");
}

void TstSettingsDialog::networkWarningReadsInFull()
{
    QFETCH(QString, stored);
    Settings().set(Settings::BindAddress, stored);
    Gui::SettingsDialog dialog;
    const Form form(&dialog);
    QVERIFY(opened(dialog, form));
    if (!form.warning->isVisible())
        form.typeAddress(QStringLiteral("0.0.0.0"));
    QVERIFY(form.warning->text().contains(QStringLiteral("Use 127.0.0.1 to keep it to this computer.")));
    // The sentence ends on screen, not at the dialog's edge: all its lines fit.
    QTRY_VERIFY2(readsInFull(form.warning),
                 qPrintable(QStringLiteral("%1 px of %2 shown at %3 px wide in a %4 × %5 dialog")
                                .arg(form.warning->visibleRegion().boundingRect().height())
                                .arg(form.warning->heightForWidth(form.warning->width()))
                                .arg(form.warning->width())
                                .arg(dialog.width())
                                .arg(dialog.height())));
    // And the fields under it are still whole.
    QVERIFY(form.durable->visibleRegion().boundingRect().height() >= form.durable->sizeHint().height());
}

void TstSettingsDialog::garbageAddressIsRefused()
{
    Settings().set(Settings::BindAddress, QStringLiteral("::1"));
    Settings().set(Settings::Port, 9000);
    Gui::SettingsDialog dialog;
    const Form form(&dialog);
    QVERIFY(opened(dialog, form));
    form.port->setValue(9001);
    form.typeAddress(QStringLiteral("not-an-ip"));
    QCOMPARE(form.warning->text(), QStringLiteral("'not-an-ip' is not an IP address."));

    // OK explains the refusal in a message box; the dialog stays open for a correction.
    const QString message = WindowTesting::messageOnClick(form.ok);
    QVERIFY2(message.contains(QStringLiteral("'not-an-ip' is not an IP address")), qPrintable(message));
    QVERIFY(dialog.isVisible());
    QVERIFY(dialog.result() != QDialog::Accepted);

    // Nothing at all was stored: not the address, and not the port changed beside it.
    Settings fresh;
    QCOMPARE(fresh.get(Settings::BindAddress), QStringLiteral("::1"));
    QCOMPARE(fresh.get(Settings::Port), 9000);
    QString error;
    QVERIFY(!dialog.save(&error));
    QVERIFY(error.contains(QStringLiteral("not-an-ip")));
    QCOMPARE(Settings().get(Settings::BindAddress), QStringLiteral("::1"));
    QCOMPARE(Settings().listenAddress(), QHostAddress(QHostAddress::LocalHostIPv6));

    // Corrected, the same OK stores it and closes the dialog.
    form.typeAddress(QStringLiteral("127.0.0.1"));
    QVERIFY(!form.warning->isVisible());
    QTest::mouseClick(form.ok, Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(!dialog.isVisible());
    QCOMPARE(Settings().get(Settings::BindAddress), QStringLiteral("127.0.0.1"));
    QCOMPARE(Settings().get(Settings::Port), 9001);
}

void TstSettingsDialog::acceptStoresEveryField()
{
    Gui::SettingsDialog dialog;
    const Form form(&dialog);
    QVERIFY(opened(dialog, form));
    form.typeAddress(QStringLiteral(" 192.168.1.10 "));
    form.port->setValue(12345);
    form.maxBodyMb->setValue(7);
    form.maxHeadKb->setValue(48);
    form.maxHeaders->setValue(99);
    form.headTimeoutS->setValue(5);
    form.idleTimeoutS->setValue(90);
    form.maxConnections->setValue(42);
    form.durable->setChecked(false);
    // Return in the address field presses OK, as in any dialog.
    form.address->setFocus();
    QTest::keyClick(form.address, Qt::Key_Return);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(!dialog.isVisible());

    Settings fresh;
    QCOMPARE(fresh.get(Settings::BindAddress), QStringLiteral("192.168.1.10")); // trimmed
    QCOMPARE(fresh.get(Settings::Port), 12345);
    QCOMPARE(fresh.get(Settings::MaxBodyBytes), qint64(7) * 1024 * 1024);
    QCOMPARE(fresh.get(Settings::MaxHeadBytes), qint64(48) * 1024);
    QCOMPARE(fresh.get(Settings::MaxHeaderCount), 99);
    QCOMPARE(fresh.get(Settings::HeadTimeoutMs), 5'000);
    QCOMPARE(fresh.get(Settings::IdleTimeoutMs), 90'000);
    QCOMPARE(fresh.get(Settings::MaxConnections), 42);
    QCOMPARE(fresh.get(Settings::DurableAnswers), false);

    // What the listener is given at the next start.
    const Http::Limits limits = Settings().limits();
    QCOMPARE(limits.maxBodyBytes, qint64(7) * 1024 * 1024);
    QCOMPARE(limits.maxHeadBytes, qsizetype(48) * 1024);
    QCOMPARE(limits.maxHeaderCount, 99);
    QCOMPARE(limits.headTimeoutMs, 5'000);
    QCOMPARE(limits.idleTimeoutMs, 90'000);
    QCOMPARE(limits.maxConnections, 42);
    QCOMPARE(Settings().listenAddress(), QHostAddress(QStringLiteral("192.168.1.10")));

    // And opening the dialog again shows the choices made.
    Gui::SettingsDialog again;
    const Form reopened(&again);
    QVERIFY(reopened.complete());
    QCOMPARE(reopened.shows(), QStringLiteral("address 192.168.1.10, port 12345, body 7 MiB, head 48 KiB, 99 headers, "
                                              "head within 5 s, idle 90 s, 42 connections, durable off"));
}

void TstSettingsDialog::cancelStoresNothing()
{
    Settings().set(Settings::Port, 9000);
    Gui::SettingsDialog dialog;
    const Form form(&dialog);
    QVERIFY(opened(dialog, form));
    form.typeAddress(QStringLiteral("0.0.0.0"));
    form.port->setValue(9999);
    form.maxBodyMb->setValue(1);
    form.durable->setChecked(false);
    QTest::keyClick(form.address, Qt::Key_Escape);
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(!dialog.isVisible());
    Settings fresh;
    QCOMPARE(fresh.get(Settings::BindAddress), QStringLiteral("127.0.0.1"));
    QCOMPARE(fresh.get(Settings::Port), 9000);
    QCOMPARE(fresh.get(Settings::MaxBodyBytes), Settings::MaxBodyBytes.fallback);
    QCOMPARE(fresh.get(Settings::DurableAnswers), true);
}

void TstSettingsDialog::lowerBodyLimitAppliesToTheRunningListener()
{
    Settings().set(Settings::Port, 0); // "any free port": the dialog keeps the port the window has
    Gui::MainWindow window(anyPort());
    QTRY_VERIFY(ready(window));
    const QUrl url = window.engine()->url();
    QAction *durable = window.action(QStringLiteral("durable"));
    QVERIFY(durable->isChecked());

    // 2 MiB is accepted under the default 100 MiB limit.
    const qint64 twoMiB = 2 * 1024 * 1024;
    QCOMPARE(statusLine(answerTo(url, postOfLength(twoMiB) + QByteArray(twoMiB, 'x'), 5000)),
             QByteArray("HTTP/1.1 200 OK"));
    QTRY_COMPARE(window.model()->rowCount(), 1);

    // Capture ▸ Settings…, lower the body limit to 1 MiB, durable answers off, OK.
    QVERIFY(inSettings(window, [](const Form &form) {
        form.maxBodyMb->setValue(1);
        form.durable->setChecked(false);
        QTest::mouseClick(form.ok, Qt::LeftButton);
    }));
    QCOMPARE(Settings().get(Settings::MaxBodyBytes), qint64(1024 * 1024));

    // The same request is now refused as too large, and shows as rejected in the table.
    QCOMPARE(statusLine(answerTo(url, postOfLength(twoMiB))), QByteArray("HTTP/1.1 413 Content Too Large"));
    QTRY_COMPARE(window.model()->rowCount(), 2);
    const auto cell = [&](int column) { return window.model()->index(1, column).data().toString(); };
    QCOMPARE(cell(Gui::RequestTableModel::Status), QStringLiteral("413"));
    QVERIFY2(cell(Gui::RequestTableModel::Notes).contains(QStringLiteral("rejected")),
             qPrintable(cell(Gui::RequestTableModel::Notes)));
    // The listener stayed where it was, and the Capture menu shows durable answers off.
    QCOMPARE(window.engine()->url(), url);
    QVERIFY(!durable->isChecked());
}

void TstSettingsDialog::changedPortRebindsTheListener()
{
    Settings().set(Settings::Port, 0);
    Gui::MainWindow window(anyPort());
    QTRY_VERIFY(ready(window));
    const QUrl before = window.engine()->url();
    const quint16 port = freePort();
    QVERIFY(port != 0);
    QVERIFY(port != before.port());

    QVERIFY(inSettings(window, [port](const Form &form) {
        form.port->setValue(port);
        QTest::mouseClick(form.ok, Qt::LeftButton);
    }));

    QTRY_COMPARE(window.engine()->port(), port);
    const QUrl after = window.engine()->url();
    QVERIFY2(window.statusText().contains(after.toString()), qPrintable(window.statusText()));
    QVERIFY(window.statusText().contains(QStringLiteral(":%1").arg(port)));
    QCOMPARE(statusLine(answerTo(after, "GET /moved HTTP/1.1\r\nHost: h\r\n\r\n")), QByteArray("HTTP/1.1 200 OK"));
    QTRY_COMPARE(window.model()->rowCount(), 1);
    QCOMPARE(window.model()->index(0, Gui::RequestTableModel::Target).data().toString(), QStringLiteral("/moved"));
    QTcpSocket old;
    old.connectToHost(before.host(), quint16(before.port()));
    QVERIFY(!old.waitForConnected(1000)); // nothing listens at the old port any more
}

void TstSettingsDialog::changedAddressRebindsTheListener()
{
    if (!canListenOnIpv6Loopback())
        QSKIP("no IPv6 loopback here");
    Settings().set(Settings::Port, 0);
    Gui::MainWindow window(anyPort());
    QTRY_VERIFY(ready(window));
    QCOMPARE(window.engine()->address(), QHostAddress(QHostAddress::LocalHost));

    bool warned = true;
    QVERIFY(inSettings(window, [&warned](const Form &form) {
        form.typeAddress(QStringLiteral("::1"));
        warned = form.warning->isVisible();
        QTest::keyClick(form.address, Qt::Key_Return);
    }));
    QVERIFY(!warned); // loopback: nothing to warn about

    QTRY_COMPARE(window.engine()->address(), QHostAddress(QHostAddress::LocalHostIPv6));
    const QUrl url = window.engine()->url();
    QVERIFY2(url.toString().startsWith(QStringLiteral("http://[::1]:")), qPrintable(url.toString()));
    QVERIFY2(window.statusText().contains(QStringLiteral("[::1]")), qPrintable(window.statusText()));
    QCOMPARE(statusLine(answerTo(url, "GET /v6 HTTP/1.1\r\nHost: h\r\n\r\n")), QByteArray("HTTP/1.1 200 OK"));
    QTRY_COMPARE(window.model()->rowCount(), 1);
    QVERIFY(window.model()->index(0, Gui::RequestTableModel::Remote).data().toString().contains(QStringLiteral("::1")));
}

void TstSettingsDialog::unrelatedChangeKeepsTheNextFreePort()
{
    // As the app starts: the stored port is busy, so the window took the next free one.
    QTcpServer busy;
    QVERIFY(busy.listen(QHostAddress::LocalHost, 0));
    Settings().set(Settings::Port, int(busy.serverPort()));
    Gui::WindowOptions options;
    options.address = Settings().listenAddress();
    options.port = Settings().listenPort();
    Gui::MainWindow window(options);
    QTRY_VERIFY(ready(window));
    const QUrl url = window.engine()->url();
    QVERIFY(url.port() != busy.serverPort());

    // The user only lowers the body limit.
    QVERIFY(inSettings(window, [](const Form &form) {
        form.maxBodyMb->setValue(1);
        QTest::mouseClick(form.ok, Qt::LeftButton);
    }));

    // Senders keep being answered where they were told to send.
    QCOMPARE(statusLine(answerTo(url, "GET /still-here HTTP/1.1\r\nHost: h\r\n\r\n")), QByteArray("HTTP/1.1 200 OK"));
    QCOMPARE(statusLine(answerTo(url, postOfLength(2 * 1024 * 1024))), QByteArray("HTTP/1.1 413 Content Too Large"));
    QTRY_COMPARE(window.model()->rowCount(), 2);
    QVERIFY(window.engine()->isListening());
    QCOMPARE(window.engine()->url(), url);
}

void TstSettingsDialog::toolbarAddressIsRemembered()
{
    Gui::MainWindow window(anyPort());
    QTRY_VERIFY(ready(window));
    // A port that is free now: the user types it into the toolbar and presses Enter.
    const quint16 port = freePort();
    QVERIFY(port != 0);
    QLineEdit *address = toolbarAddress(window);
    QVERIFY(address);
    // An address this machine does not have (TEST-NET-1) fails, capture stays where it was, and
    // the address is not remembered.
    address->setText(QStringLiteral("192.0.2.1:%1").arg(port));
    QTest::keyClick(address, Qt::Key_Return);
    QTRY_VERIFY2(window.statusText().startsWith(QStringLiteral("Still listening on ")),
                 qPrintable(window.statusText()));
    QCOMPARE(Settings().get(Settings::BindAddress), QStringLiteral("127.0.0.1"));
    QCOMPARE(Settings().get(Settings::Port), 8080);

    address->setText(QStringLiteral("127.0.0.1:%1").arg(port));
    QTest::keyClick(address, Qt::Key_Return);
    QTRY_COMPARE(window.engine()->url().port(), int(port));

    // Kept for the next start and shown by the settings dialog; OK there does not move it back.
    QCOMPARE(Settings().get(Settings::Port), int(port));
    QCOMPARE(Settings().get(Settings::BindAddress), QStringLiteral("127.0.0.1"));
    int shownPort = -1;
    QVERIFY(inSettings(window, [&shownPort](const Form &form) {
        shownPort = form.port->value();
        QTest::mouseClick(form.ok, Qt::LeftButton);
    }));
    QCOMPARE(shownPort, int(port));
    QCOMPARE(window.engine()->url().port(), int(port));
    QCOMPARE(statusLine(answerTo(window.engine()->url(), "GET /here HTTP/1.1\r\nHost: h\r\n\r\n")),
             QByteArray("HTTP/1.1 200 OK"));
}

void TstSettingsDialog::toolbarTakesAnAddressWithoutAPort()
{
    // The toolbar used to want host:port and split at the last colon, so "::1" (host ":", port 1)
    // was refused though the Settings dialog and `listen --bind` took it.
    if (!canListenOnIpv6Loopback())
        QSKIP("no IPv6 loopback here");
    Gui::MainWindow window(anyPort());
    QTRY_VERIFY(ready(window));
    const quint16 port = window.engine()->port();
    QLineEdit *address = toolbarAddress(window);
    QVERIFY(address);
    address->setText(QStringLiteral("::1"));
    QTest::keyClick(address, Qt::Key_Return);
    // The address moves; the port is the one senders already have.
    QTRY_COMPARE(window.engine()->address(), QHostAddress(QHostAddress::LocalHostIPv6));
    QCOMPARE(window.engine()->port(), port);
    QCOMPARE(address->text(), QStringLiteral("[::1]:%1").arg(port));
    QCOMPARE(statusLine(answerTo(window.engine()->url(), "GET /v6 HTTP/1.1\r\nHost: h\r\n\r\n")),
             QByteArray("HTTP/1.1 200 OK"));
}

QTEST_MAIN(TstSettingsDialog)
#include "tst_settingsdialog.moc"
