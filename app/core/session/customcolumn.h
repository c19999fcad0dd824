#pragma once

#include "payload/jsonpointer.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QList>
#include <QString>

namespace Session {

struct CapturedRequest;

/// A column the user adds to the request table: the value of a request header, or of a JSON
/// pointer into the body (`/data/object/id`). Its name heads the column and names it in filters
/// (`col:NAME=value`).
class CustomColumn
{
    Q_DECLARE_TR_FUNCTIONS(Session::CustomColumn)

public:
    enum class Source : quint8 { Header, Json };

    CustomColumn() = default;
    /// Null-named (invalid) when `key` is no header name or no JSON pointer; `error` says why.
    static CustomColumn make(const QString &name, Source source, const QString &key, QString *error = nullptr);

    bool isValid() const { return !m_name.isEmpty(); }
    const QString &name() const { return m_name; }
    Source source() const { return m_source; }
    const QString &key() const { return m_key; }
    bool readsBody() const { return m_source == Source::Json; }
    /// "header X-GitHub-Delivery", "body /data/object/id": for tooltips.
    QString describe() const;

    /// The value in one request, one line: the first such header's value (trimmed), or the JSON
    /// value (see Payload::jsonValueAt); "" when there is none. `head` is the request head as
    /// received (the request line first), `body` the body.
    QString valueIn(QByteArrayView head, QByteArrayView body) const;
    QString valueOf(const CapturedRequest &record) const;

    /// JSON array of {"name", "header"} or {"name", "json"}; invalid entries are skipped.
    static QByteArray toJson(const QList<CustomColumn> &columns);
    static QList<CustomColumn> fromJson(const QByteArray &json);

    /// The longest value kept; longer ones are cut, ending in "…".
    static constexpr qsizetype kMaxValue = 256;

    friend bool operator==(const CustomColumn &a, const CustomColumn &b)
    {
        return a.m_name == b.m_name && a.m_source == b.m_source && a.m_key == b.m_key;
    }

private:
    QString m_name;
    Source m_source = Source::Header;
    QString m_key;
    QByteArray m_header; // Header: the name, UTF-8
    Payload::JsonPointer m_pointer;
};

using CustomColumns = QList<CustomColumn>;

/// The first value of header `name` (case-insensitive) in a raw request head, trimmed; a null view
/// when absent. Continuation lines (obsolete folding) are not joined.
QByteArrayView headerValueIn(QByteArrayView head, QByteArrayView name);

} // namespace Session
