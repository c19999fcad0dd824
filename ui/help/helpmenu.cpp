#include "helpmenu.h"

#include <QAction>
#include <QApplication>
#include <QDesktopServices>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QGuiApplication>
#include <QHeaderView>
#include <QKeySequence>
#include <QMenuBar>
#include <QMessageBox>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTableWidget>
#include <QUrl>
#include <QUrlQuery>
#include <QVBoxLayout>

namespace Gui {

namespace {

const char *const BugsUrl = "https://github.com/hookscope/hookscope/issues";

/// "&Copy Body…" as a person reads it: "Copy Body".
QString plain(QString text)
{
    text.remove(QLatin1Char('&'));
    if (text.endsWith(QChar(0x2026)))
        text.chop(1);
    return text;
}

} // namespace

HelpMenu::HelpMenu(QWidget *window)
    : QMenu(tr("&Help"), window)
    , m_window(window)
{
    setObjectName(QStringLiteral("helpMenu"));
    QAction *keys = addAction(tr("&Keyboard Shortcuts"), this, &HelpMenu::showShortcuts);
    keys->setObjectName(QStringLiteral("keyboardShortcuts"));
    keys->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Slash));
    window->addAction(keys); // the keys work with the menu closed
    QAction *data = addAction(tr("Open &Data Folder"), this, &HelpMenu::openDataFolder);
    data->setObjectName(QStringLiteral("openDataFolder"));
    data->setToolTip(tr("Unsaved sessions and your templates: %1").arg(QDir::toNativeSeparators(dataFolder())));
    addSeparator();
    QAction *bug = addAction(tr("&Report a Bug…"), this, [] { QDesktopServices::openUrl(bugReportUrl()); });
    bug->setObjectName(QStringLiteral("reportBug"));
    addSeparator();
    QAction *about = addAction(tr("&About Hookscope"), this,
                               [this] { QMessageBox::about(m_window, tr("About Hookscope"), aboutText()); });
    about->setObjectName(QStringLiteral("about"));
    about->setMenuRole(QAction::AboutRole);
    QAction *aboutQt = addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
    aboutQt->setObjectName(QStringLiteral("aboutQt"));
    aboutQt->setMenuRole(QAction::AboutQtRole);
}

QString HelpMenu::dataFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

QUrl HelpMenu::bugReportUrl()
{
    // The questions in the user's language; the facts for whoever reads the report, in English.
    const QString body =
        tr("**What happened**\n\n\n**What you expected**\n\n\n**How to make it happen**\n"
           "(The request's bytes help most: select it and Copy as curl, or File ▸ Export HAR. Take "
           "secrets and tokens out first.)") +
        QStringLiteral("\n\n\n---\nHookscope %1, Qt %2 (built with %3), %4, %5, %6")
            .arg(QStringLiteral(HOOKSCOPE_VERSION), QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR),
                 QSysInfo::prettyProductName(), QSysInfo::currentCpuArchitecture(), QGuiApplication::platformName());
    QUrl url(QString::fromLatin1(BugsUrl) + QStringLiteral("/new"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("body"), QString::fromUtf8(QUrl::toPercentEncoding(body)));
    url.setQuery(query);
    return url;
}

QString HelpMenu::aboutText()
{
    return tr("<h3>Hookscope %1</h3>"
              "<p>Capture, inspect, verify and send webhooks.</p>"
              "<p>Built with Qt %2, running on Qt %3.</p>"
              "<p>Copyright © 2026 The Hookscope authors. MIT License: free to use, copy, change and share; "
              "no warranty.</p>"
              "<p>Report bugs at <a href=\"%4\">%4</a>.</p>")
        .arg(QStringLiteral(HOOKSCOPE_VERSION), QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion()),
             QString::fromLatin1(BugsUrl));
}

QTableWidget *HelpMenu::shortcutTable(QWidget *window, QWidget *parent)
{
    auto *table = new QTableWidget(0, 3, parent);
    table->setObjectName(QStringLiteral("shortcuts"));
    table->setHorizontalHeaderLabels({tr("Menu"), tr("Action"), tr("Keys")});
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    QList<QAction *> seen;
    const auto add = [table, &seen](const QString &menu, QAction *action) {
        if (seen.contains(action) || action->isSeparator() || action->shortcuts().isEmpty())
            return;
        seen << action;
        QStringList keys;
        for (const QKeySequence &k : action->shortcuts())
            keys << k.toString(QKeySequence::NativeText);
        const int row = table->rowCount();
        table->insertRow(row);
        table->setItem(row, 0, new QTableWidgetItem(menu));
        table->setItem(row, 1, new QTableWidgetItem(plain(action->text())));
        table->setItem(row, 2, new QTableWidgetItem(keys.join(QStringLiteral(", "))));
    };
    // In the order of the menus, then anything with keys that is in none.
    if (auto *bar = window->findChild<QMenuBar *>()) {
        for (QAction *top : bar->actions()) {
            if (!top->menu())
                continue;
            for (QAction *action : top->menu()->actions()) {
                if (action->menu()) {
                    for (QAction *inner : action->menu()->actions())
                        add(plain(top->text()), inner);
                } else {
                    add(plain(top->text()), action);
                }
            }
        }
    }
    for (QAction *action : window->findChildren<QAction *>())
        add(tr("Window"), action);
    table->resizeColumnsToContents();
    return table;
}

void HelpMenu::showShortcuts()
{
    QDialog dialog(m_window);
    dialog.setObjectName(QStringLiteral("shortcutsDialog"));
    dialog.setWindowTitle(tr("Keyboard Shortcuts"));
    auto *layout = new QVBoxLayout(&dialog);
    QTableWidget *table = shortcutTable(m_window, &dialog);
    layout->addWidget(table);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog.resize(560, 520);
    dialog.exec();
}

void HelpMenu::openDataFolder()
{
    const QString folder = dataFolder();
    QDir().mkpath(folder); // a first run has not made it yet
    QDesktopServices::openUrl(QUrl::fromLocalFile(folder));
}

} // namespace Gui
