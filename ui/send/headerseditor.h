#pragma once

#include "http/response.h"

#include <QUrl>
#include <QWidget>

namespace Gui {

class RowTable;

/**
 * The composed message's header lines: name, value and an on/off box per row, in the order they
 * are sent, duplicates allowed. The headers every request gets unless the user sets them (Host,
 * Content-Length or Transfer-Encoding, User-Agent: Http::OutgoingRequest::withDefaults) are shown
 * as default rows with the value they will have for the first destination; typing into one makes
 * it the user's own, switching one off leaves that header out of the request altogether. The
 * headers signing added at the last send are shown greyed at the end, read-only.
 */
class HeadersEditor : public QWidget
{
    Q_OBJECT

public:
    enum Kind { User = 0, Default = 1, Signature = 2 };

    explicit HeadersEditor(QWidget *parent = nullptr);

    /// The user's headers (defaults not among them are shown as default rows again).
    void setHeaders(const Http::HeaderList &headers);
    /// What Delivery::Message::headers gets: the enabled user rows in order; an empty value for a
    /// default header switched off; nothing for unchanged default rows (the sender fills them in
    /// per destination) or signature rows.
    Http::HeaderList headers() const;
    /// Refreshes the default rows for this request shape (the method decides whether a request
    /// without a body says Content-Length: 0).
    void updateDefaults(const QUrl &firstDestination, qint64 bodySize, bool chunked, const QByteArray &method = "POST");
    /// Unticks every default row: the request goes out with only the headers listed as the
    /// user's (a captured request sent again as it arrived).
    void switchOffDefaults();
    /// Shows what signing added to the last attempt (replacing the previous ones).
    void setSignatureHeaders(const Http::HeaderList &headers);
    /// Sets the first enabled Content-Type row to `value`, adding one after the defaults if none.
    void setContentType(const QByteArray &value);

    RowTable *rows() const { return m_rows; }

Q_SIGNALS:
    void changed();

private:
    int findRow(QByteArrayView name, int kind) const;

    RowTable *m_rows;
    QUrl m_url;
    qint64 m_bodySize = 0;
    bool m_chunked = false;
    QByteArray m_method = "POST";
};

} // namespace Gui
