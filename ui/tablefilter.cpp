#include "tablefilter.h"
#include "filterbar.h"
#include "requesttablemodel.h"

#include "filter/filterevaluator.h"

#include <QThreadPool>
#include <QTimer>

namespace Gui {

TableFilter::TableFilter(RequestTableModel *model, FilterBar *bar, QThreadPool *pool, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_bar(bar)
    , m_pool(pool)
    , m_signatureRefilter(new QTimer(this))
{
    // Re-verification changes verdicts under a filter such as signature:invalid: the rows shown
    // follow, at most twice a second while a large session is being checked again.
    m_signatureRefilter->setSingleShot(true);
    m_signatureRefilter->setInterval(500);
    connect(m_signatureRefilter, &QTimer::timeout, this, [this] { reapply(m_sessionPath); });
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &from, const QModelIndex &to) {
        const bool signatures =
            from.column() <= RequestTableModel::Signature && to.column() >= RequestTableModel::Signature;
        if (signatures && m_filter.usesSignature() && !m_signatureRefilter->isActive())
            m_signatureRefilter->start();
    });
}

TableFilter::~TableFilter()
{
    if (m_scanCancel)
        *m_scanCancel = true;
}

void TableFilter::reapply(const QString &sessionPath)
{
    if (!m_filter.isEmpty())
        apply(m_filter, sessionPath);
}

void TableFilter::apply(const Session::Filter &filter, const QString &sessionPath)
{
    m_filter = filter;
    m_sessionPath = sessionPath;
    const int generation = ++m_generation;
    if (m_scanCancel)
        *m_scanCancel = true; // the previous search through bodies is no longer wanted
    m_scanRunning = false;
    m_bar->setProgress(0, 0);
    Q_EMIT aboutToChange();
    if (filter.isEmpty()) {
        m_model->clearFilter();
        Q_EMIT changed();
        return;
    }
    const Session::FilterEvaluator evaluator(filter);
    Session::FilterEvaluator::Matches matches = evaluator.evaluate(m_model->store());
    m_model->setFilter(std::move(matches.rows),
                       [evaluator](const Session::CapturedRequest &r) { return evaluator.matches(r); });
    Q_EMIT changed();
    if (matches.undecided.empty())
        return;
    // Headers and bodies live in the file: search them off the GUI thread, and add what matches.
    std::vector<qint64> candidates = Session::FilterEvaluator::idsOf(m_model->store(), matches.undecided);
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    m_scanCancel = cancel;
    m_scanRunning = true;
    m_pool->start([this, evaluator, candidates = std::move(candidates), cancel, sessionPath, generation]() mutable {
        const auto result = evaluator.scanPayloads(sessionPath, std::move(candidates),
                                                   [this, cancel, generation](qint64 done, qint64 total) {
                                                       QMetaObject::invokeMethod(this, [this, generation, done, total] {
                                                           if (generation == m_generation)
                                                               m_bar->setProgress(done, total);
                                                       });
                                                       return !*cancel;
                                                   });
        QMetaObject::invokeMethod(this, [this, result, generation] {
            if (generation != m_generation || result.cancelled)
                return;
            m_scanRunning = false;
            m_bar->setProgress(0, 0);
            if (!result.error.isEmpty())
                Q_EMIT error(result.error);
            Q_EMIT aboutToChange();
            std::vector<quint32> rows =
                Session::FilterEvaluator::mergeRows(m_model->store(), m_model->filterRows(), result.ids);
            const Session::FilterEvaluator again(m_filter);
            m_model->setFilter(std::move(rows),
                               [again](const Session::CapturedRequest &r) { return again.matches(r); });
            Q_EMIT changed();
        });
    });
}

} // namespace Gui
