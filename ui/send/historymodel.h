#pragma once

#include "delivery/sender.h"

#include <QAbstractListModel>

namespace Gui {

/**
 * The messages sent in this session, newest first: when, what and to where, and how it went.
 * Today the panel adds what it sends; add() is also the seam for messages read back from the
 * session file (Session::OutboundMessage), so reopened sessions list theirs the same way.
 */
class HistoryModel : public QAbstractListModel
{
    Q_OBJECT

public:
    struct Entry
    {
        qint64 messageId = 0; ///< the Sender's number; 0 for messages read from a file
        qint64 sentAtMs = 0;
        Delivery::Message message; ///< as composed (placeholders unresolved): what "open" restores
        QString outcome;           ///< "2 of 2 answered 2xx", "sending…"
    };

    explicit HistoryModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    /// Puts `entry` at the top.
    void add(const Entry &entry);
    /// Replaces what was read from a session file (entries with messageId 0) by `fromFile`,
    /// newest first, below the messages sent in this run.
    void setFromFile(const QList<Entry> &fromFile);
    void setOutcome(qint64 messageId, const QString &outcome);
    const Entry &entry(int row) const { return m_entries.at(row); }
    /// The row of a message, -1 when not listed.
    int rowOf(qint64 messageId) const;

private:
    QList<Entry> m_entries; // newest first
};

} // namespace Gui
