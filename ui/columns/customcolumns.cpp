#include "customcolumns.h"

#include "addcolumndialog.h"
#include "requesttablemodel.h"
#include "requesttableview.h"
#include "session/sessionreader.h"
#include "settings.h"

#include <QHeaderView>
#include <QMenu>
#include <QPointer>

namespace Gui {

namespace {

/// Values for one stretch of requests, one list per column.
struct Chunk
{
    QList<qint64> ids;
    QList<QList<QByteArray>> values;
};

constexpr qsizetype kChunkRows = 16384;

} // namespace

CustomColumnsController::CustomColumnsController(RequestTableModel *model, RequestTableView *view,
                                                 std::function<QString()> sessionPath, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_view(view)
    , m_sessionPath(std::move(sessionPath))
{
    m_pool.setMaxThreadCount(1);
    m_model->setCustomColumns(Session::CustomColumn::fromJson(Settings().get(Settings::CustomColumns)));
    QHeaderView *header = m_view->horizontalHeader();
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QWidget::customContextMenuRequested, this, &CustomColumnsController::showHeaderMenu);
    connect(m_model, &RequestTableModel::storeReplaced, this, &CustomColumnsController::fillFromFile);
    connect(m_model, &RequestTableModel::rowsAppended, this, &CustomColumnsController::fillRecords);
}

CustomColumnsController::~CustomColumnsController()
{
    m_generation->fetch_add(1);
    m_pool.waitForDone();
}

const Session::CustomColumns &CustomColumnsController::columns() const
{
    return m_model->customColumns();
}

bool CustomColumnsController::add(const Session::CustomColumn &column)
{
    for (const Session::CustomColumn &c : columns()) {
        if (c.name().compare(column.name(), Qt::CaseInsensitive) == 0)
            return false;
    }
    m_model->addCustomColumn(column);
    m_view->setColumnWidth(RequestTableModel::ColumnCount + int(columns().size()) - 1, 160);
    save();
    fillFromFile(); // the new column's values; the others are worked out again with it
    return true;
}

void CustomColumnsController::remove(int index)
{
    m_model->removeCustomColumn(index);
    save();
    fillFromFile();
}

void CustomColumnsController::save()
{
    Settings().set(Settings::CustomColumns, Session::CustomColumn::toJson(columns()));
    Q_EMIT columnsChanged(columns());
}

void CustomColumnsController::showHeaderMenu(const QPoint &pos)
{
    const int section = m_view->horizontalHeader()->logicalIndexAt(pos);
    QMenu menu(m_view);
    const auto addFrom = [this](Session::CustomColumn::Source source) {
        AddColumnDialog dialog(source, columns(), m_view);
        if (dialog.exec() == QDialog::Accepted)
            add(dialog.column());
    };
    menu.addAction(tr("Add Column from &Header…"), this, [addFrom] { addFrom(Session::CustomColumn::Source::Header); });
    menu.addAction(tr("Add Column from &JSON Body…"), this,
                   [addFrom] { addFrom(Session::CustomColumn::Source::Json); });
    if (section >= RequestTableModel::ColumnCount) {
        const int index = section - RequestTableModel::ColumnCount;
        menu.addSeparator();
        menu.addAction(tr("&Remove Column “%1”").arg(columns().at(index).name()), this,
                       [this, index] { remove(index); });
    }
    menu.exec(m_view->horizontalHeader()->mapToGlobal(pos));
}

void CustomColumnsController::fillFromFile()
{
    const quint64 generation = m_generation->fetch_add(1) + 1;
    const Session::CustomColumns wanted = columns();
    const QString path = m_sessionPath ? m_sessionPath() : QString();
    m_filling = !wanted.isEmpty() && !path.isEmpty();
    if (!m_filling)
        return;
    bool head = false;
    bool body = false;
    for (const Session::CustomColumn &c : wanted) {
        head = head || !c.readsBody();
        body = body || c.readsBody();
    }
    QPointer<CustomColumnsController> self(this);
    m_pool.start([self, generation, counter = m_generation, wanted, path, head, body] {
        const auto current = [&] { return counter->load(std::memory_order_relaxed) == generation; };
        const auto deliver = [&](Chunk chunk, bool last) {
            QMetaObject::invokeMethod(
                self.data(),
                [self, generation, counter, chunk = std::move(chunk), last] {
                    if (!self || counter->load() != generation)
                        return;
                    for (qsizetype c = 0; c < chunk.values.size(); ++c)
                        self->m_model->setCustomValues(int(c), chunk.ids, chunk.values[c]);
                    if (last) {
                        self->m_filling = false;
                        Q_EMIT self->filled();
                    }
                },
                Qt::QueuedConnection);
        };
        Chunk chunk;
        chunk.values.resize(wanted.size());
        Session::SessionReader reader;
        if (reader.open(path).problem == Session::FileProblem::None) {
            reader.forEachPayload(head, body, [&](qint64 id, QByteArrayView h, QByteArrayView b) {
                if (!current())
                    return false;
                chunk.ids.append(id);
                for (qsizetype c = 0; c < wanted.size(); ++c)
                    chunk.values[c].append(h.isEmpty() ? QByteArray() : wanted[c].valueIn(h, b).toUtf8());
                if (chunk.ids.size() >= kChunkRows) {
                    deliver(std::exchange(chunk, Chunk{{}, QList<QList<QByteArray>>(wanted.size())}), false);
                }
                return true;
            });
        }
        if (current() && self)
            deliver(std::move(chunk), true);
    });
}

void CustomColumnsController::fillRecords(const Session::CapturedBatch &records)
{
    const Session::CustomColumns wanted = columns();
    if (wanted.isEmpty() || records.isEmpty())
        return;
    const quint64 generation = m_generation->load();
    QPointer<CustomColumnsController> self(this);
    m_pool.start([self, generation, counter = m_generation, wanted, records] {
        if (counter->load() != generation)
            return;
        Chunk chunk;
        chunk.values.resize(wanted.size());
        for (const Session::CapturedRequestPtr &r : records) {
            chunk.ids.append(r->id);
            for (qsizetype c = 0; c < wanted.size(); ++c)
                chunk.values[c].append(wanted[c].valueOf(*r).toUtf8());
        }
        QMetaObject::invokeMethod(
            self.data(),
            [self, generation, counter, chunk = std::move(chunk)] {
                if (!self || counter->load() != generation)
                    return;
                for (qsizetype c = 0; c < chunk.values.size(); ++c)
                    self->m_model->setCustomValues(int(c), chunk.ids, chunk.values[c]);
            },
            Qt::QueuedConnection);
    });
}

} // namespace Gui
