// The Secrets page and where secrets are kept, as a user meets them: what is filled in and
// applied comes back after a restart, the settings never hold a secret, without a keychain the
// secrets sit in a file only the user can read (and the page says so), a removed entry takes its
// secret with it, a bad public URL is refused, and the engine is handed every change.
//
// The system keychain is replaced by FakeVault (this machine and CI have none) except in
// realKeychainOrItsFallback, which goes through QtKeychain as the app does.

#include "mainwindow.h"
#include "settings.h"
#include "settingsdialog.h"
#include "signing/secretspage.h"
#include "signing/secretstore.h"
#include "signing/secretvault.h"
#include "signing/signaturesettings.h"
#include "windowtesting.h"

#include "capture/captureengine.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <optional>

#include <sys/stat.h>

using Gui::SecretStore;
using Gui::SecretVault;
using Gui::SignatureSettings;
using WindowTesting::whenModal;

namespace {

/// A keychain in memory that answers later, as QtKeychain does; or, with `broken` set, the
/// answer this machine's QtKeychain gives for every call.
class FakeVault : public SecretVault
{
public:
    FakeVault(QHash<QString, QByteArray> *items, std::optional<Outcome> broken = std::nullopt)
        : m_items(items)
        , m_broken(broken)
    {
    }

    void read(const QString &key, Callback done) override
    {
        answer(std::move(done), [this, key] {
            if (!m_items->contains(key))
                return Reply{Outcome::NotFound, {}, QStringLiteral("Entry not found")};
            return Reply{Outcome::Ok, m_items->value(key), {}};
        });
    }
    void write(const QString &key, const QByteArray &value, Callback done) override
    {
        answer(std::move(done), [this, key, value] {
            m_items->insert(key, value);
            return Reply{Outcome::Ok, {}, {}};
        });
    }
    void remove(const QString &key, Callback done) override
    {
        answer(std::move(done), [this, key] {
            m_items->remove(key);
            return Reply{Outcome::Ok, {}, {}};
        });
    }

private:
    void answer(Callback done, std::function<Reply()> work)
    {
        QTimer::singleShot(0, this, [this, done = std::move(done), work = std::move(work)] {
            if (m_broken)
                done(Reply{*m_broken, {}, QStringLiteral("No keychain service available")});
            else
                done(work());
        });
    }

    QHash<QString, QByteArray> *m_items;
    std::optional<Outcome> m_broken;
};

/// The Secrets page's widgets, by the names the page gives them.
struct Page
{
    explicit Page(QDialog *dialog)
        : page(dialog->findChild<Gui::SecretsPage *>())
    {
        if (!page)
            return;
        tabs = dialog->findChild<QTabWidget *>();
        notice = page->findChild<QLabel *>(QStringLiteral("notice"));
        table = page->findChild<QTableWidget *>(QStringLiteral("secrets"));
        add = page->findChild<QPushButton *>(QStringLiteral("add"));
        remove = page->findChild<QPushButton *>(QStringLiteral("remove"));
        scheme = page->findChild<QComboBox *>(QStringLiteral("scheme"));
        path = page->findChild<QLineEdit *>(QStringLiteral("pathPattern"));
        label = page->findChild<QLineEdit *>(QStringLiteral("label"));
        secret = page->findChild<QLineEdit *>(QStringLiteral("secret"));
        show = page->findChild<QCheckBox *>(QStringLiteral("showSecret"));
        secretNote = page->findChild<QLabel *>(QStringLiteral("secretNote"));
        publicUrl = page->findChild<QLineEdit *>(QStringLiteral("publicUrl"));
        urlProblem = page->findChild<QLabel *>(QStringLiteral("urlProblem"));
        if (auto *box = dialog->findChild<QDialogButtonBox *>())
            ok = box->button(QDialogButtonBox::Ok);
    }

    bool complete() const
    {
        return page && tabs && notice && table && add && remove && scheme && path && label && secret && show &&
               secretNote && publicUrl && urlProblem && ok;
    }
    QSpinBox *tolerance(const char *scheme) const
    {
        return page->findChild<QSpinBox *>(QLatin1String("tolerance-") + QLatin1String(scheme));
    }
    /// Types over what `edit` holds, as a user does.
    static void type(QLineEdit *edit, const QString &text)
    {
        edit->setFocus();
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Backspace);
        QTest::keyClicks(edit, text);
    }
    /// Adds an entry and fills it in.
    void addEntry(const char *schemeId, const QString &pathPattern, const QString &labelText,
                  const QString &secretText) const
    {
        QTest::mouseClick(add, Qt::LeftButton);
        scheme->setCurrentIndex(scheme->findData(QLatin1String(schemeId)));
        type(path, pathPattern);
        type(label, labelText);
        type(secret, secretText);
    }
    /// What row `row` of the list shows, cells joined by " | ".
    QString row(int r) const
    {
        QStringList cells;
        for (int c = 0; c < table->columnCount(); ++c)
            cells << (table->item(r, c) ? table->item(r, c)->text() : QString());
        return cells.join(QStringLiteral(" | "));
    }

    Gui::SecretsPage *page = nullptr;
    QTabWidget *tabs = nullptr;
    QLabel *notice = nullptr;
    QTableWidget *table = nullptr;
    QPushButton *add = nullptr;
    QPushButton *remove = nullptr;
    QComboBox *scheme = nullptr;
    QLineEdit *path = nullptr;
    QLineEdit *label = nullptr;
    QLineEdit *secret = nullptr;
    QCheckBox *show = nullptr;
    QLabel *secretNote = nullptr;
    QLineEdit *publicUrl = nullptr;
    QLabel *urlProblem = nullptr;
    QPushButton *ok = nullptr;
};

/// One run of the app's signing side over the same storage: what a restart gives.
struct App
{
    App(QHash<QString, QByteArray> *keychain, bool hasKeychain, const QString &file)
        : store(new SecretStore(
              nullptr,
              hasKeychain ? new FakeVault(keychain) : new FakeVault(keychain, SecretVault::Outcome::NoKeychain), file))
        , signatures(&engine, nullptr, store)
        , applied(&signatures, &SignatureSettings::configApplied)
        , saved(store, &SecretStore::saved)
    {
    }
    bool loaded()
    {
        return QTest::qWaitFor([this] { return store->isLoaded(); });
    }

    Capture::CaptureEngine engine;
    SecretStore *store;
    SignatureSettings signatures;
    QSignalSpy applied;
    QSignalSpy saved;
};

/// Settings ▸ Secrets on screen, with every widget in place.
bool openSecrets(Gui::SettingsDialog &dialog, const Page &page)
{
    dialog.show();
    if (!QTest::qWaitForWindowExposed(&dialog) || !page.complete())
        return false;
    page.tabs->setCurrentWidget(page.page);
    return page.page->isEnabled();
}

/// A run of the app with Settings ▸ Secrets open on it; `auto &[app, dialog, page] = session`.
struct Opened
{
    Opened(QHash<QString, QByteArray> *keychain, bool hasKeychain, const QString &file)
        : app(keychain, hasKeychain, file)
        , dialog(&app.signatures, nullptr)
        , page(&dialog)
    {
    }
    bool open() { return app.loaded() && openSecrets(dialog, page); }

    App app;
    Gui::SettingsDialog dialog;
    Page page;
};

QByteArray settingsFileBytes()
{
    QSettings settings;
    settings.sync();
    QFile file(settings.fileName());
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// Whether `haystack` holds `secret` in any spelling a store would use.
bool holds(const QByteArray &haystack, const QByteArray &secret)
{
    return haystack.contains(secret) || haystack.contains(secret.toBase64()) || haystack.contains(secret.toHex()) ||
           haystack.contains(secret.toPercentEncoding());
}

QString describe(const Signing::Secret &s)
{
    return QStringLiteral("%1 %2 %3 [%4]").arg(s.scheme, s.pathPattern, s.label, QString::fromUtf8(s.secret));
}

int modeOf(const QString &path)
{
    struct stat info
    {
    };
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? int(info.st_mode & 07777) : -1;
}

const QByteArray kStripeSecret = QByteArrayLiteral("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
const QByteArray kGithubSecret = QByteArrayLiteral("gh secret with  two spaces");

} // namespace

class TstSecrets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void fillApplyRestart_data();
    void fillApplyRestart();
    void withoutKeychainTheFileIsOwnerOnly();
    void removingAnEntryRemovesItsSecret_data();
    void removingAnEntryRemovesItsSecret();
    void invalidPublicUrlIsRefused();
    void pastedSecretIsTrimmedAndSaysSo();
    void secretIsMaskedUntilShown();
    void keyboardAlone();
    void noSecretLinkOpensANewEntry();
    void engineIsHandedEveryChange();
    void fileSecretsMoveIntoAKeychainThatAppears();
    void entryWhoseSecretIsGoneIsKeptAndFlagged();
    void realKeychainOrItsFallback();
    void windowLoadsAtStartupAndOffersTheSecretsPage();

private:
    QString m_file;
    QHash<QString, QByteArray> m_keychain;
};

void TstSecrets::init()
{
    QSettings().clear();
    m_file = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + QLatin1String("/secrets.json");
    QFile::remove(m_file);
    m_keychain.clear();
}

void TstSecrets::fillApplyRestart_data()
{
    QTest::addColumn<bool>("hasKeychain");
    QTest::newRow("system keychain") << true;
    QTest::newRow("no keychain: the file") << false;
}

void TstSecrets::fillApplyRestart()
{
    QFETCH(bool, hasKeychain);
    {
        Opened session(&m_keychain, hasKeychain, m_file);
        QVERIFY(session.open());
        auto &[app, dialog, page] = session;
        QCOMPARE(page.table->rowCount(), 0);
        page.addEntry("stripe", QStringLiteral("/hooks/stripe/*"), QStringLiteral("Stripe live"),
                      QString::fromLatin1(kStripeSecret));
        page.addEntry("github", QString(), QString(), QString::fromLatin1(kGithubSecret));
        Page::type(page.publicUrl, QStringLiteral("https://abc.trycloudflare.com"));
        page.tolerance("stripe")->setValue(600);
        QTest::mouseClick(page.ok, Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(app.saved.wait());
        QCOMPARE(app.saved.constFirst().constFirst().toString(), QString());
    }

    // A restart: everything comes back, from where it was kept.
    Opened session(&m_keychain, hasKeychain, m_file);
    QVERIFY(session.open());
    auto &[app, dialog, page] = session;
    QCOMPARE(page.table->rowCount(), 2);
    QCOMPARE(page.row(0), QStringLiteral("Stripe | /hooks/stripe/* | Stripe live | set"));
    QCOMPARE(page.row(1), QStringLiteral("GitHub | any |  | set"));
    QCOMPARE(page.scheme->currentText(), QStringLiteral("Stripe"));
    QCOMPARE(page.secret->text().toUtf8(), kStripeSecret);
    page.table->setCurrentCell(1, 0);
    QCOMPARE(page.scheme->currentText(), QStringLiteral("GitHub"));
    QCOMPARE(page.secret->text().toUtf8(), kGithubSecret); // the two spaces inside too
    QCOMPARE(page.publicUrl->text(), QStringLiteral("https://abc.trycloudflare.com"));
    QCOMPARE(page.tolerance("stripe")->value(), 600);
    QCOMPARE(page.tolerance("slack")->value(), Signing::defaultToleranceSeconds(u"slack"));
    QVERIFY(!page.tolerance("github")); // GitHub signs no timestamp: nothing to tolerate

    // The engine got all of it at startup.
    QCOMPARE(app.applied.size(), 1);
    const auto config = app.applied.constFirst().constFirst().value<Signing::Config>();
    QCOMPARE(config.secrets.size(), 2);
    QCOMPARE(describe(config.secrets.at(0)),
             QStringLiteral("stripe /hooks/stripe/* Stripe live [%1]").arg(QLatin1String(kStripeSecret)));
    QCOMPARE(describe(config.secrets.at(1)), QStringLiteral("github   [%1]").arg(QLatin1String(kGithubSecret)));
    QCOMPARE(config.publicUrl, QStringLiteral("https://abc.trycloudflare.com"));
    QCOMPARE(config.toleranceSeconds, (QHash<QString, int>{{QStringLiteral("stripe"), 600}}));

    // The secrets are where they belong and nowhere else: never in the settings.
    const QByteArray settings = settingsFileBytes();
    QVERIFY(settings.contains("Stripe live")); // the settings file was read at all
    QVERIFY(!holds(settings, kStripeSecret));
    QVERIFY(!holds(settings, kGithubSecret));
    if (hasKeychain) {
        QCOMPARE(m_keychain.size(), 2);
        QVERIFY(m_keychain.values().contains(kStripeSecret));
        QVERIFY(m_keychain.values().contains(kGithubSecret));
        QVERIFY(!QFile::exists(m_file));
        QVERIFY2(!page.notice->isVisible(), qPrintable(page.notice->text()));
    } else {
        QVERIFY(m_keychain.isEmpty());
        QFile file(m_file);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray stored = file.readAll();
        QVERIFY(holds(stored, kStripeSecret) && holds(stored, kGithubSecret));
        QVERIFY(page.notice->isVisible());
    }
}

void TstSecrets::withoutKeychainTheFileIsOwnerOnly()
{
    const mode_t previous = ::umask(0); // a 0666 file would stay 0666
    App app(&m_keychain, false, m_file);
    QVERIFY(app.loaded());
    QCOMPARE(app.store->place(), SecretStore::Place::File);
    Gui::SettingsDialog dialog(&app.signatures, nullptr);
    const Page page(&dialog);
    QVERIFY(openSecrets(dialog, page));
    // Said before there is any secret to keep, so no one types one in unaware.
    QVERIFY(page.notice->isVisible());
    QVERIFY2(page.notice->text().contains(QStringLiteral("No system keychain found; secrets are kept in %1, "
                                                         "readable only by you")
                                              .arg(m_file)),
             qPrintable(page.notice->text()));
    QVERIFY(page.notice->text().contains(QStringLiteral("moves them there")));              // and how to get back
    QVERIFY(page.notice->text().contains(QStringLiteral("No keychain service available"))); // and why

    page.addEntry("github", QString(), QString(), QStringLiteral("s3cret"));
    QTest::mouseClick(page.ok, Qt::LeftButton);
    QVERIFY(app.saved.wait());
    ::umask(previous);
    QCOMPARE(modeOf(m_file), 0600);
    QVERIFY(!QFile::exists(m_file + QLatin1String(".new")));
}

void TstSecrets::removingAnEntryRemovesItsSecret_data()
{
    fillApplyRestart_data();
}

void TstSecrets::removingAnEntryRemovesItsSecret()
{
    QFETCH(bool, hasKeychain);
    const auto stored = [&](const QByteArray &secret) {
        if (hasKeychain)
            return m_keychain.values().contains(secret);
        QFile file(m_file);
        return file.open(QIODevice::ReadOnly) && holds(file.readAll(), secret);
    };
    {
        Opened session(&m_keychain, hasKeychain, m_file);
        QVERIFY(session.open());
        auto &[app, dialog, page] = session;
        page.addEntry("stripe", QString(), QStringLiteral("old"), QString::fromLatin1(kStripeSecret));
        page.addEntry("github", QString(), QStringLiteral("kept"), QString::fromLatin1(kGithubSecret));
        QTest::mouseClick(page.ok, Qt::LeftButton);
        QVERIFY(app.saved.wait());
    }
    QVERIFY(stored(kStripeSecret) && stored(kGithubSecret));

    {
        Opened session(&m_keychain, hasKeychain, m_file);
        QVERIFY(session.open());
        auto &[app, dialog, page] = session;
        page.table->setFocus();
        page.table->setCurrentCell(0, 0);
        QTest::keyClick(page.table, Qt::Key_Delete);
        QCOMPARE(page.table->rowCount(), 1);
        QCOMPARE(page.row(0), QStringLiteral("GitHub | any | kept | set"));
        QTest::mouseClick(page.ok, Qt::LeftButton);
        QVERIFY(app.saved.wait());
        QCOMPARE(app.saved.constFirst().constFirst().toString(), QString());
    }
    QVERIFY(!stored(kStripeSecret));
    QVERIFY(stored(kGithubSecret));
    QVERIFY(!settingsFileBytes().contains("old"));

    // The last one gone: nothing is left behind, not even an empty file.
    {
        Opened session(&m_keychain, hasKeychain, m_file);
        QVERIFY(session.open());
        auto &[app, dialog, page] = session;
        QTest::mouseClick(page.remove, Qt::LeftButton);
        QCOMPARE(page.table->rowCount(), 0);
        QTest::mouseClick(page.ok, Qt::LeftButton);
        QVERIFY(app.saved.wait());
    }
    QVERIFY(m_keychain.isEmpty());
    QVERIFY(!QFile::exists(m_file));
}

void TstSecrets::invalidPublicUrlIsRefused()
{
    Opened session(&m_keychain, true, m_file);
    QVERIFY(session.open());
    auto &[app, dialog, page] = session;
    page.addEntry("twilio", QString(), QString(), QStringLiteral("token"));

    for (const QString &bad : {QStringLiteral("abc.trycloudflare.com"), QStringLiteral("ftp://example.com"),
                               QStringLiteral("https://"), QStringLiteral("http://exa mple.com")}) {
        Page::type(page.publicUrl, bad);
        QVERIFY2(page.urlProblem->isVisible(), qPrintable(bad));
        QVERIFY(page.urlProblem->text().contains(QStringLiteral("is not a public URL")));
        page.tabs->setCurrentIndex(0); // OK from another tab brings the problem into view
        QCOMPARE(WindowTesting::messageOnClick(page.ok),
                 QStringLiteral("'%1' is not a public URL: give the address providers send to, starting "
                                "with http:// or https:// and a host, such as https://abc.trycloudflare.com.")
                     .arg(bad));
        QVERIFY(dialog.isVisible());
        QCOMPARE(page.tabs->currentWidget(), page.page);
    }
    // Nothing was stored by the refused attempts: not the URL, not the secret added beside it.
    QCOMPARE(Gui::Settings().get(Gui::Settings::SigningPublicUrl), QString());
    QVERIFY(m_keychain.isEmpty());
    QCOMPARE(app.applied.size(), 1); // the startup one only

    Page::type(page.publicUrl, QStringLiteral(" http://127.0.0.1:8080 "));
    QVERIFY(!page.urlProblem->isVisible());
    QTest::mouseClick(page.ok, Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(Gui::Settings().get(Gui::Settings::SigningPublicUrl), QStringLiteral("http://127.0.0.1:8080"));
}

void TstSecrets::pastedSecretIsTrimmedAndSaysSo()
{
    Opened session(&m_keychain, true, m_file);
    QVERIFY(session.open());
    auto &[app, dialog, page] = session;
    QTest::mouseClick(page.add, Qt::LeftButton);
    page.scheme->setCurrentIndex(page.scheme->findData(QStringLiteral("stripe")));

    // Copied from a terminal or a web page: a space before, a line break after.
    QApplication::clipboard()->setText(QLatin1String(" ") + QLatin1String(kStripeSecret) + QLatin1String("\r\n"));
    page.secret->setFocus();
    QTest::keySequence(page.secret, QKeySequence::Paste);
    QTest::keyClick(page.secret, Qt::Key_Tab); // leaving the field takes the value
    QCOMPARE(page.secret->text().toUtf8(), kStripeSecret);
    QVERIFY(page.secretNote->isVisible());
    QCOMPARE(page.secretNote->text(), QStringLiteral("Removed 3 space(s), tab(s) or line break(s) from around the "
                                                     "secret; everything between them is kept exactly as pasted."));

    // Spaces inside are the secret's own.
    page.table->setCurrentCell(0, 0);
    QTest::mouseClick(page.add, Qt::LeftButton);
    QApplication::clipboard()->setText(QString::fromLatin1(kGithubSecret));
    page.secret->setFocus();
    QTest::keySequence(page.secret, QKeySequence::Paste);
    QTest::keyClick(page.secret, Qt::Key_Tab);
    QVERIFY(!page.secretNote->isVisible());

    QTest::mouseClick(page.ok, Qt::LeftButton);
    QVERIFY(app.saved.wait());
    const Signing::Config config = app.signatures.config();
    QCOMPARE(config.secrets.size(), 2);
    QCOMPARE(config.secrets.at(0).secret, kStripeSecret);
    QCOMPARE(config.secrets.at(1).secret, kGithubSecret);
}

void TstSecrets::secretIsMaskedUntilShown()
{
    Opened session(&m_keychain, true, m_file);
    QVERIFY(session.open());
    auto &[app, dialog, page] = session;
    page.addEntry("github", QString(), QString(), QStringLiteral("hunter2"));
    QCOMPARE(page.secret->echoMode(), QLineEdit::Password);
    QVERIFY(!page.secret->displayText().contains(QStringLiteral("hunter2")));
    QTest::mouseClick(page.show, Qt::LeftButton);
    QCOMPARE(page.secret->displayText(), QStringLiteral("hunter2"));
    QTest::mouseClick(page.show, Qt::LeftButton);
    QVERIFY(!page.secret->displayText().contains(QStringLiteral("hunter2")));
    // The list never shows it either.
    QCOMPARE(page.row(0), QStringLiteral("GitHub | any |  | set"));
}

void TstSecrets::keyboardAlone()
{
    App app(&m_keychain, true, m_file);
    QVERIFY(app.loaded());
    Gui::SettingsDialog dialog(&app.signatures, nullptr);
    const Page page(&dialog);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    QVERIFY(page.complete());

    QTest::keyClick(&dialog, Qt::Key_S, Qt::AltModifier); // the Secrets tab
    QCOMPARE(page.tabs->currentWidget(), page.page);
    QTest::keyClick(&dialog, Qt::Key_A, Qt::AltModifier); // Add (a button clicks a moment later)
    QTRY_COMPARE(page.table->rowCount(), 1);
    QTRY_COMPARE(QApplication::focusWidget(), page.scheme);
    QTest::keyClick(page.scheme, Qt::Key_End); // the last scheme in the list
    QCOMPARE(page.scheme->currentData().toString(), Signing::schemeIds().constLast());
    QTest::keyClick(page.scheme, Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), page.path);
    QTest::keyClicks(page.path, QStringLiteral("/twitch/*"));
    QTest::keyClick(page.path, Qt::Key_Tab);
    QTest::keyClicks(page.label, QStringLiteral("stream"));
    QTest::keyClick(page.label, Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), page.secret);
    QTest::keyClicks(page.secret, QStringLiteral("0123456789abcdef"));
    QTest::keyClick(page.secret, Qt::Key_Return); // OK
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(app.saved.wait());
    QCOMPARE(describe(app.signatures.config().secrets.value(0)),
             QStringLiteral("%1 /twitch/* stream [0123456789abcdef]").arg(Signing::schemeIds().constLast()));
}

void TstSecrets::noSecretLinkOpensANewEntry()
{
    // "No secret set for Stripe — add one": the dialog opens on Secrets, ready for the secret.
    App app(&m_keychain, true, m_file);
    QVERIFY(app.loaded());
    Gui::SettingsDialog dialog(&app.signatures, nullptr);
    const Page page(&dialog);
    dialog.addSecretFor(QStringLiteral("stripe"));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    QCOMPARE(page.tabs->currentWidget(), page.page);
    QCOMPARE(page.table->rowCount(), 1);
    QCOMPARE(page.scheme->currentData().toString(), QStringLiteral("stripe"));
    QTRY_COMPARE(QApplication::focusWidget(), page.secret);
    QTest::keyClicks(page.secret, QStringLiteral("whsec_test_secret"));
    QTest::keyClick(page.secret, Qt::Key_Return);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(app.saved.wait());
    QCOMPARE(describe(app.signatures.config().secrets.value(0)), QStringLiteral("stripe   [whsec_test_secret]"));
}

void TstSecrets::engineIsHandedEveryChange()
{
    App app(&m_keychain, true, m_file);
    QVERIFY(app.loaded());
    QTRY_COMPARE(app.applied.size(), 1); // at startup, even with nothing to verify with
    QVERIFY(app.applied.constFirst().constFirst().value<Signing::Config>().isEmpty());

    {
        Gui::SettingsDialog dialog(&app.signatures, nullptr);
        const Page page(&dialog);
        QVERIFY(openSecrets(dialog, page));
        page.addEntry("slack", QString(), QString(), QStringLiteral("8f742231b10e8888abcd99yyyzzz85a5"));
        QTest::mouseClick(page.ok, Qt::LeftButton);
    }
    QCOMPARE(app.applied.size(), 2); // at once, without waiting for the keychain
    QCOMPARE(app.applied.constLast().constFirst().value<Signing::Config>().secrets.value(0).secret,
             QByteArray("8f742231b10e8888abcd99yyyzzz85a5"));

    {
        // OK with nothing changed: the engine is not made to re-verify the session for nothing.
        Gui::SettingsDialog dialog(&app.signatures, nullptr);
        const Page page(&dialog);
        QVERIFY(openSecrets(dialog, page));
        QTest::mouseClick(page.ok, Qt::LeftButton);
        QCOMPARE(app.applied.size(), 2);
        // A tolerance alone is a change.
        Gui::SettingsDialog again(&app.signatures, nullptr);
        const Page second(&again);
        QVERIFY(openSecrets(again, second));
        second.tolerance("slack")->setValue(60);
        QTest::mouseClick(second.ok, Qt::LeftButton);
    }
    QCOMPARE(app.applied.size(), 3);
    QCOMPARE(
        app.applied.constLast().constFirst().value<Signing::Config>().toleranceSeconds.value(QStringLiteral("slack")),
        60);
}

void TstSecrets::fileSecretsMoveIntoAKeychainThatAppears()
{
    {
        Opened session(&m_keychain, false, m_file);
        QVERIFY(session.open());
        auto &[app, dialog, page] = session;
        page.addEntry("stripe", QString(), QStringLiteral("live"), QString::fromLatin1(kStripeSecret));
        QTest::mouseClick(page.ok, Qt::LeftButton);
        QVERIFY(app.saved.wait());
    }
    QVERIFY(QFile::exists(m_file));

    // The next start finds a keychain: the secrets move into it and the file goes.
    App app(&m_keychain, true, m_file);
    QVERIFY(app.loaded());
    QCOMPARE(app.store->place(), SecretStore::Place::Keychain);
    QCOMPARE(m_keychain.values(), QList<QByteArray>{kStripeSecret});
    QVERIFY(!QFile::exists(m_file));
    QCOMPARE(app.signatures.config().secrets.value(0).secret, kStripeSecret);
    Gui::SettingsDialog dialog(&app.signatures, nullptr);
    const Page page(&dialog);
    QVERIFY(openSecrets(dialog, page));
    QCOMPARE(page.notice->text(), QStringLiteral("Secrets were moved from %1 into the system keychain, and the "
                                                 "file deleted.")
                                      .arg(m_file));
}

void TstSecrets::entryWhoseSecretIsGoneIsKeptAndFlagged()
{
    {
        Opened session(&m_keychain, true, m_file);
        QVERIFY(session.open());
        auto &[app, dialog, page] = session;
        page.addEntry("shopify", QString(), QStringLiteral("shop"), QStringLiteral("shpss_1"));
        QTest::mouseClick(page.ok, Qt::LeftButton);
        QVERIFY(app.saved.wait());
    }
    m_keychain.clear(); // someone tidied the keychain

    App app(&m_keychain, true, m_file);
    QVERIFY(app.loaded());
    QVERIFY(app.signatures.config().secrets.isEmpty()); // nothing to verify with
    Gui::SettingsDialog dialog(&app.signatures, nullptr);
    const Page page(&dialog);
    QVERIFY(openSecrets(dialog, page));
    QCOMPARE(page.row(0), QStringLiteral("Shopify | any | shop | not loaded"));
    QCOMPARE(page.notice->text(), QStringLiteral("The keychain has no secret for 'shop'; type it again."));
    QTest::mouseClick(page.ok, Qt::LeftButton); // not refused: the entry stays for the secret to be typed
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(Gui::Settings().get(Gui::Settings::SigningSecrets).contains("shop"));
}

void TstSecrets::realKeychainOrItsFallback()
{
    // QtKeychain as the app uses it. Where there is no keychain (this machine, CI) it must land on
    // the file; where there is one, in it. Either way the secret must come back and stay out of
    // the settings.
    const QByteArray secret =
        QByteArrayLiteral("real-keychain-check-") + QByteArray::number(QDateTime::currentMSecsSinceEpoch());
    QString place;
    {
        Capture::CaptureEngine engine;
        SignatureSettings signatures(&engine, nullptr, new SecretStore(nullptr, nullptr, m_file));
        QTRY_VERIFY_WITH_TIMEOUT(signatures.store()->isLoaded(), 30000);
        place = signatures.store()->place() == SecretStore::Place::File ? QStringLiteral("file")
                                                                        : QStringLiteral("keychain");
        qInfo("QtKeychain here: secrets go to the %s. %s", qPrintable(place), qPrintable(signatures.store()->notice()));
        Gui::SigningSetup setup = signatures.store()->setup();
        setup.entries.append({Gui::SigningSetup::newId(), {QStringLiteral("github"), secret, {}, {}}, false});
        QSignalSpy saved(signatures.store(), &SecretStore::saved);
        signatures.apply(setup);
        QVERIFY(saved.wait(30000));
        QCOMPARE(saved.constFirst().constFirst().toString(), QString());
    }
    QCOMPARE(QFile::exists(m_file), place == QLatin1String("file"));
    QVERIFY(!holds(settingsFileBytes(), secret));

    Capture::CaptureEngine engine;
    SignatureSettings signatures(&engine, nullptr, new SecretStore(nullptr, nullptr, m_file));
    QTRY_VERIFY_WITH_TIMEOUT(signatures.store()->isLoaded(), 30000);
    QCOMPARE(signatures.config().secrets.value(0).secret, secret);
    QSignalSpy saved(signatures.store(), &SecretStore::saved);
    signatures.apply({}); // and gone again, from the real keychain too
    QVERIFY(saved.wait(30000));
    QVERIFY(!QFile::exists(m_file));
}

void TstSecrets::windowLoadsAtStartupAndOffersTheSecretsPage()
{
    Gui::MainWindow window(WindowTesting::anyPort());
    auto *signatures = window.findChild<SignatureSettings *>();
    QVERIFY(signatures);
    QSignalSpy applied(signatures, &SignatureSettings::configApplied);
    QTRY_COMPARE(applied.size(), 1);

    bool handled = false;
    bool hasPage = false;
    whenModal<Gui::SettingsDialog>(
        [&hasPage](Gui::SettingsDialog *dialog) {
            hasPage = Page(dialog).complete();
            dialog->reject();
        },
        &handled);
    window.action(QStringLiteral("settings"))->trigger();
    QVERIFY(handled);
    QVERIFY(hasPage);
}

// Settings, config files and the fallback file go to a folder made for this run, not the user's.
int main(int argc, char **argv)
{
    QTemporaryDir home;
    if (!home.isValid())
        return 1;
    for (const char *name : {"HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"})
        qputenv(name, QFile::encodeName(home.path() + QLatin1Char('/') + QLatin1String(name)));
    qputenv("HOOKSCOPE_NO_DIALOGS", "1");
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("HookscopeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_secrets"));
    TstSecrets test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_secrets.moc"
