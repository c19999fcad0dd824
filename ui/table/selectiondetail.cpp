#include "selectiondetail.h"

#include "recordsource.h"
#include "requestdetail.h"
#include "requesttablemodel.h"
#include "requesttableview.h"
#include "tablefilter.h"

#include "capture/sessioncontroller.h"

namespace Gui {

SelectionDetail::SelectionDetail(RequestTableView *table, RequestTableModel *model, TableFilter *filter,
                                 RecordSource *records, Capture::SessionController *sessions, RequestDetail *detail,
                                 QObject *parent)
    : QObject(parent)
    , m_table(table)
    , m_model(model)
    , m_records(records)
    , m_sessions(sessions)
    , m_detail(detail)
{
    connect(filter, &TableFilter::aboutToChange, this, [this] { m_keep = m_wantedId ? m_wantedId : m_hiddenId; });
    connect(filter, &TableFilter::changed, this, [this] {
        m_table->selectId(m_keep); // which shows it, when the filter does
        m_hiddenId = m_keep != 0 && m_model->rowOfId(m_keep) < 0 ? m_keep : 0;
        if (m_hiddenId)
            m_detail->showHiddenByFilter();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &SelectionDetail::update);
    connect(m_model, &QAbstractItemModel::modelReset, this, &SelectionDetail::update);
    // A request of the previous session is not to be selected in the next one.
    connect(sessions, &Capture::SessionController::sessionChanged, this, [this] { m_hiddenId = m_keep = 0; });
}

bool SelectionDetail::isReady() const
{
    return m_detail->request() && m_detail->request()->id == m_wantedId;
}

void SelectionDetail::update()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.size() != 1) {
        m_wantedId = 0;
        if (!rows.isEmpty())
            m_hiddenId = 0; // the user chose others
        if (m_hiddenId)
            m_detail->showHiddenByFilter();
        else
            m_detail->clear();
        return;
    }
    m_hiddenId = 0;
    const qint64 id = m_model->idAt(rows.first().row());
    if (id == m_wantedId && m_detail->request())
        return;
    m_wantedId = id;
    const int generation = ++m_generation;
    if (const Session::CapturedRequestPtr known = m_records->known(id)) {
        m_detail->showRequest(known);
        return;
    }
    // Older requests come from the file, off the GUI thread; a newer selection wins.
    m_records->fetch(m_sessions->path(), {id},
                     [this, generation](const RecordSource::Records &loaded, const QString &error) {
                         if (generation != m_generation)
                             return;
                         if (!loaded.at(0))
                             Q_EMIT this->error(tr("Could not read this request: %1").arg(error));
                         m_detail->showRequest(loaded.at(0));
                     });
}

} // namespace Gui
