#pragma once

// The parsed form of a Filter and the tests each term makes. Internal to the filter code.

#include "filter.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHostAddress>
#include <QString>

#include <array>
#include <limits>
#include <memory>
#include <vector>

namespace Session::FilterDetail {

/// A glob with `*` and `?`, matched case-insensitively (ASCII) against a whole value.
class Glob
{
public:
    void appendLiteral(QByteArrayView utf8);
    void appendStar();
    void appendOne();
    /// Call once after the last append.
    void finish();

    bool matches(QByteArrayView value) const;
    bool isEmpty() const { return m_ops.isEmpty(); }
    /// The pattern as written (lower-cased), with a backslash before literal `*`, `?`, `\\`, `"`.
    QString toString() const;

private:
    enum Op : char { Literal = 'l', Star = '*', One = '?' };
    bool matchesFrom(QByteArrayView value) const;

    QByteArray m_chars; // lower-cased, one per op (0 for wildcards)
    QByteArray m_ops;
    QByteArray m_prefix; // the literal characters before the first wildcard
    bool m_literal = true;
};

/// A case-insensitive (ASCII) substring search, Boyer-Moore-Horspool.
class Needle
{
public:
    Needle() = default;
    explicit Needle(QByteArrayView utf8);
    bool foundIn(QByteArrayView haystack) const;
    const QByteArray &text() const { return m_lower; }

private:
    QByteArray m_lower;
    std::array<quint32, 256> m_skip{};
};

/// An inclusive range of integers.
struct Range
{
    qint64 lo = std::numeric_limits<qint64>::min();
    qint64 hi = std::numeric_limits<qint64>::max();
    bool contains(qint64 v) const { return v >= lo && v <= hi; }
};

enum class Field : quint8 {
    Text,
    Method,
    Status,
    Path,
    Header,
    Body,
    Type,
    Size,
    Id,
    Remote,
    Rejected,
    Chunked,
    Tls,
    Warning,
    Signature,
    Event,
    Column,
};

enum class TypeMode : quint8 { Short, Full, None, Form };

/// One term. Only the members its field uses are set.
struct Term
{
    Field field = Field::Text;
    qsizetype start = 0; ///< where the term sits in the filter text
    qsizetype length = 0;
    QString canonical; ///< for Filter::toString()

    Glob glob;             ///< method, path, type (full), header value, remote address, event
    Glob name;             ///< header name
    bool hasValue = false; ///< header: a value was given
    Needle needle;         ///< free text, body
    Range range;           ///< status, size, id
    qint64 mask = 0;       ///< rejected, chunked, tls, warning: the flag bits
    bool wanted = true;    ///< rejected, chunked, tls: yes or no
    TypeMode typeMode = TypeMode::Short;
    QByteArray typeName; ///< type (short): lower-cased
    QHostAddress subnet; ///< remote: with prefixLength >= 0
    int prefixLength = -1;
    int port = -1;                              ///< remote: the port to match too
    quint16 verdicts = 0;                       ///< signature: bit per Signing::Verdict wanted; 0: any
    quint8 signatureScheme = 0;                 ///< signature: 1 + index in Signing::schemeIds(); 0: any
    std::shared_ptr<const CustomColumn> column; ///< col: the column named

    /// Whether the term reads header lines or the body (free text reads both beyond the target).
    bool needsPayload() const
    {
        return field == Field::Text || field == Field::Header || field == Field::Body || field == Field::Column;
    }
    /// Relative cost of testing one summary row, for ordering the terms of AND and OR.
    int cost() const;
};

struct Node
{
    enum class Kind : quint8 { And, Or, Not, Term };
    Kind kind = Kind::Term;
    int term = -1;
    std::vector<int> children; ///< as written
    std::vector<int> byCost;   ///< the same, cheapest first: the order of evaluation
    int cost = 0;
};

struct Program
{
    QString text;
    std::vector<Node> nodes;
    std::vector<Term> terms;
    int root = -1; ///< -1: no terms, everything matches
    bool needsPayloads = false;
    bool usesRemote = false;
    FilterError error;
};

/// One request as the per-record tests see it. For a rejected request `head` and `body` are
/// what was received, split at the blank line.
struct Record
{
    qint64 id = 0;
    qint64 bodySize = 0;
    qint64 flags = 0;
    int status = 0;
    QByteArrayView method;
    QByteArrayView target;
    QByteArrayView contentType;
    QString remote; ///< only filled when the program uses a remote term
    quint16 remotePort = 0;
    quint8 signatureScheme = 0; ///< as in RequestSummary
    quint8 signature = 0;       ///< Signing::Verdict
    QByteArrayView event;       ///< UTF-8; empty when none
    QByteArrayView head;
    QByteArrayView body;
};

/// Splits what a rejected request sent into head and body at the first blank line.
void splitRaw(QByteArrayView raw, QByteArrayView *head, QByteArrayView *body);

// The tests, on plain values, shared by the summary-row and the per-record paths.
bool matchesMethod(const Term &t, QByteArrayView method);
bool matchesType(const Term &t, QByteArrayView contentType);
bool matchesPath(const Term &t, QByteArrayView target);
/// The address part of a remote term (the port is tested separately).
bool matchesRemoteAddress(const Term &t, const QString &address);
bool matchesFlags(const Term &t, qint64 flags);
bool matchesSignature(const Term &t, quint8 scheme, quint8 verdict);
bool matchesHeaders(const Term &t, QByteArrayView head);
/// Free text: target, header lines, body.
bool matchesText(const Term &t, QByteArrayView target, QByteArrayView head, QByteArrayView body);

/// A whole term against one record (payload terms included).
bool matches(const Term &t, const Record &r);
/// A subtree against one record, short-circuiting in cost order.
bool matches(const Program &p, int node, const Record &r);

} // namespace Session::FilterDetail
