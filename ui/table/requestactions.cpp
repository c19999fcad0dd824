#include "requestactions.h"

#include "diffdialog.h"
#include "fieldsmodel.h"
#include "mainwindow.h"
#include "recordsource.h"
#include "requestdetail.h"
#include "requesttablemodel.h"

#include "capture/capturedcurl.h"
#include "capture/captureengine.h"
#include "capture/sessioncontroller.h"
#include "session/har.h"

#include <QAction>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QGuiApplication>
#include <QMessageBox>
#include <QSaveFile>
#include <QStatusBar>
#include <QTableView>

#include <algorithm>

namespace Gui {

RequestActions::RequestActions(MainWindow *window, RecordSource *records)
    : QObject(window)
    , m_window(window)
    , m_records(records)
{
    add("copyCurl", tr("Copy as &curl"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), &RequestActions::copyCurl);
    add("copyRequestUrl", tr("Copy Request &URL"), {}, &RequestActions::copyRequestUrl)
        ->setToolTip(tr("The URL the sender used to reach Hookscope: scheme, Host header and target"));
    add("copyBody", tr("Copy &Body"), {}, &RequestActions::copyBody);
    add("copyHeaders", tr("Copy &Headers"), {}, &RequestActions::copyHeaders);
    add("saveBody", tr("Save Body &As…"), {}, &RequestActions::saveBody);
    add("delete", tr("&Delete"), QKeySequence::Delete, &RequestActions::deleteSelected);
    add("compare", tr("&Compare Two Requests"), QKeySequence(Qt::CTRL | Qt::Key_D), &RequestActions::compareSelected);
}

QAction *RequestActions::add(const char *name, const QString &text, const QKeySequence &keys,
                             void (RequestActions::*slot)())
{
    auto *action = new QAction(text, m_window);
    action->setObjectName(QLatin1String(name));
    action->setShortcut(keys);
    connect(action, &QAction::triggered, this, slot);
    m_actions.append(action);
    return action;
}

void RequestActions::setReadOnly(bool readOnly)
{
    for (QAction *action : std::as_const(m_actions)) {
        if (action->objectName() == QLatin1String("delete"))
            action->setEnabled(!readOnly);
    }
}

void RequestActions::copyText(const QString &text, const QString &what)
{
    QGuiApplication::clipboard()->setText(text);
    m_window->statusBar()->showMessage(tr("Copied the %1").arg(what), 3000);
}

void RequestActions::withSelected(const std::function<void(const Session::CapturedRequest &)> &use)
{
    const QModelIndexList rows = m_window->table()->selectionModel()->selectedRows();
    if (rows.size() != 1)
        return;
    const qint64 id = m_window->model()->idAt(rows.first().row());
    const Session::CapturedRequestPtr shown = m_window->detail()->request();
    if (shown && shown->id == id) {
        use(*shown);
        return;
    }
    m_records->fetch(m_window->sessions()->path(), {id},
                     [this, use](const RecordSource::Records &records, const QString &error) {
                         if (records.at(0))
                             use(*records.at(0));
                         else
                             Q_EMIT this->error(tr("Could not read this request: %1").arg(error));
                     });
}

void RequestActions::copyCurl()
{
    withSelected([this](const Session::CapturedRequest &r) {
        const Capture::CaptureEngine *engine = m_window->engine();
        const QUrl target = engine->isListening() ? engine->url() : QUrl();
        copyText(Delivery::curlCommand(Capture::curlSource(r), target), tr("curl command"));
        const QStringList differences = Delivery::curlDifferences(Capture::curlSource(r));
        if (!differences.isEmpty())
            m_window->statusBar()->showMessage(
                tr("Copied the curl command. Not reproduced exactly: %1").arg(differences.join(QStringLiteral(" "))),
                10000);
    });
}

void RequestActions::copyRequestUrl()
{
    withSelected([this](const Session::CapturedRequest &r) {
        if (!r.request.hasRequestLine()) {
            m_window->statusBar()->showMessage(tr("This request has no request line to make a URL of"), 5000);
            return;
        }
        const QByteArray url = Session::requestUrl(r);
        copyText(QString::fromUtf8(url), tr("URL"));
    });
}

void RequestActions::copyBody()
{
    withSelected([this](const Session::CapturedRequest &r) {
        copyText(FieldsModel::displayText(r.request.body()), tr("body"));
    });
}

void RequestActions::copyHeaders()
{
    copyText(m_window->detail()->headersModel()->toText(), tr("headers"));
}

void RequestActions::saveBody()
{
    withSelected([this](const Session::CapturedRequest &r) {
        const QString path = QFileDialog::getSaveFileName(m_window, tr("Save Body"), QDir::homePath());
        if (path.isEmpty())
            return;
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(r.request.body()) != r.request.body().size() ||
            !file.commit())
            Q_EMIT error(tr("%1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    });
}

void RequestActions::deleteSelected()
{
    QTableView *table = m_window->table();
    RequestTableModel *model = m_window->model();
    const QModelIndexList rows = table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    QList<qint64> ids;
    for (const QModelIndex &row : rows)
        ids.append(model->idAt(row.row()));
    if (!qEnvironmentVariableIsSet("HOOKSCOPE_NO_DIALOGS") &&
        QMessageBox::question(m_window, tr("Delete"),
                              tr("Delete %n request(s) from the session? This cannot be undone.", nullptr,
                                 int(ids.size()))) != QMessageBox::Yes)
        return;
    const int nextRow = rows.first().row();
    m_window->engine()->deleteRequests(ids);
    m_records->forget(ids);
    model->removeIds(ids);
    Q_EMIT deleted();
    if (model->rowCount() > 0)
        table->selectRow(qMin(nextRow, model->rowCount() - 1));
    m_window->statusBar()->showMessage(tr("Deleted %n request(s)", nullptr, int(ids.size())), 5000);
}

void RequestActions::compareSelected()
{
    const QModelIndexList rows = m_window->table()->selectionModel()->selectedRows();
    if (rows.size() != 2) {
        m_window->statusBar()->showMessage(tr("Select two requests to compare"), 5000);
        return;
    }
    RequestTableModel *model = m_window->model();
    const qint64 a = model->idAt(std::min(rows.at(0).row(), rows.at(1).row()));
    const qint64 b = model->idAt(std::max(rows.at(0).row(), rows.at(1).row()));
    m_records->fetch(m_window->sessions()->path(), {a, b}, [this](const RecordSource::Records &pair, const QString &) {
        if (!pair.at(0) || !pair.at(1)) {
            Q_EMIT error(tr("Could not read both requests to compare them"));
            return;
        }
        auto *dialog = new DiffDialog(pair.at(0), pair.at(1), m_window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
}

} // namespace Gui
