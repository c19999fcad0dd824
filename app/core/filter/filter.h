#pragma once

#include "session/customcolumn.h"

#include <QCoreApplication>
#include <QString>

#include <memory>

namespace Session {

namespace FilterDetail {
struct Program;
}

/// What is wrong with a filter, and where: the filter bar underlines [start, start + length).
struct FilterError
{
    qsizetype start = 0; ///< UTF-16 index into the filter text
    qsizetype length = 0;
    QString message; ///< one sentence, e.g. "unknown field 'stauts' — did you mean status?"

    bool isNull() const { return message.isEmpty(); }
};

/// A parsed filter for the request table. Immutable and cheap to copy; one instance may be used
/// by several threads at once.
///
/// ## The language
///
/// A filter is a list of terms separated by spaces. Every term must match (AND).
///
///     method:POST status:>=400            POST requests answered with 400 or more
///     github -status:2xx                  "github" somewhere, and not answered 2xx
///     type:json OR type:xml               either
///     (method:PUT OR method:PATCH) size:>1k
///
/// **Free text.** A word without a field matches case-insensitively as a substring of the
/// target (path and query), of any header line ("Name: value", so `content-type: app` works),
/// or of the body. The target part is known from the summary rows at once; header lines and
/// bodies need the session file (see FilterEvaluator). `*` and `?` are plain characters here.
///
/// **Fields** (names are case-insensitive):
///
/// - `method:POST` — the method; globs allowed (`method:P*`).
/// - `status:200`, `status:4xx`, `status:>=400`, `status:200..299`, `status:none` — the status of the
///   answer; `none` when no answer reached the client.
/// - `path:/hooks/git*` — the target's path (before `?`; for an absolute-form target, after the
///   authority), as a glob over the whole path.
/// - `header:X-GitHub-Event=push` — some header line whose name matches the name glob and whose
///   value matches the value glob. `header:Name` alone: the header is present. `header:Name:value`
///   works too. Trailers of chunked bodies are not headers here.
/// - `body:"main"` — the body contains the text (the bytes as stored: not decompressed).
/// - `type:json` — the content type. A short name matches the type (`type:text`), the subtype
///   (`json`, also `x-json`) or a structured suffix (`+json`, RFC 6839). With a `/` or a wildcard
///   it is a glob over the whole type (`type:application/*`). `type:form` is
///   urlencoded or multipart form data; `type:none` is no content type.
/// - `size:>1k`, `size:0`, `size:1k..64k` — the body size in bytes. `k`, `m`, `g` (also written
///   `kb`/`kib`, ...) are powers of 1024 (the table prints decimal units, 1 KB = 1000 bytes); decimals work (`1.5m`).
/// - `id:42`, `id:100..200`, `id:>1000` — the request number.
/// - `remote:127.0.0.1`, `remote:10.0.*`, `remote:10.0.0.0/8`, `remote:[::1]:5000`,
///   `remote:127.0.0.1:5000` — the sender's address as a glob or a subnet, optionally with its
///   port. An IPv4-mapped IPv6 address (`::ffff:a.b.c.d`) matches as IPv4 too.
/// - `rejected:yes`, `rejected:no` — whether Hookscope rejected the request (also `true`/`false`,
///   `1`/`0`).
/// - `chunked:yes` — whether the body came chunked.
/// - `tls:yes`, `tls:no` — whether the request came over TLS (https), a failed handshake included.
/// - `event:push`, `event:pull_request.*`, `event:invoice.*` — the event the webhook names, as the
///   Event column shows it (see Payload::webhookEvent), as a glob; `-event:?*` is none.
/// - `col:Delivery=72d3*`, `col:"Order id"`, `col:Amount=2000` — a custom column of the table (a
///   header or a JSON pointer into the body; see CustomColumn) by its name, case-insensitive: the
///   value as a glob after `=`, or alone: the column has a value. Read from the session file,
///   like header:.
/// - `warning:missing-host`, `warning:any` — a reader warning, named as in the Notes column
///   (missing-host, multiple-host, connect-not-tunneled, upgrade-ignored, http2-preface).
///
/// **Numbers** (status, size, id): `N`, `=N`, `>N`, `>=N`, `<N`, `<=N`, `A..B` (inclusive), `A..`,
/// `..B`; for status also a class `4xx` or `40x`.
///
/// **Globs** (method, path, header names and values, type, remote): `*` is any run of characters,
/// `?` one character; a glob must match the whole value. Matching is case-insensitive (ASCII),
/// everywhere in this language.
///
/// **Quoting.** `"..."` keeps spaces, parentheses and keywords inside one value:
/// `body:"two words"`, `header:User-Agent="GitHub Hookshot*"`, `"OR"`. Quotes may start anywhere
/// in a word. A backslash makes the next character literal, inside quotes or not: `\"`, `\\`,
/// and `\*` / `\?` for a literal star or question mark in a glob. A quoted `field:value` is free
/// text. A word like `https://example.com/x` is free text too, not an unknown field.
///
/// **Negation.** A leading `-` (or the word `NOT`) inverts a term or a group: `-method:GET`.
///
/// **OR and groups.** `OR` between terms matches either side; AND binds tighter, so
/// `a b OR c` is `(a b) OR c`. Parentheses group: `-(type:json OR type:xml)`. `AND` may be written
/// but changes nothing. The keywords are upper case; `or` is ordinary text. Inside parentheses a
/// `)` ends a word; quote it to search for one.
///
/// **Errors** name the part that is wrong (see FilterError): an unknown field (with a
/// suggestion), a value the field cannot use, an unclosed quote or parenthesis, an operator
/// without a term on one side. A filter that failed to parse matches every request.
class Filter
{
    Q_DECLARE_TR_FUNCTIONS(Session::Filter)

public:
    /// The empty filter: matches every request.
    Filter();

    /// Parses `text`. On failure the result is invalid, matches everything, and `error` (when
    /// given) says what is wrong and where.
    static Filter parse(const QString &text, FilterError *error = nullptr);
    /// The same, knowing the table's custom columns, which `col:NAME` terms name.
    static Filter parse(const QString &text, const CustomColumns &columns, FilterError *error = nullptr);

    bool isValid() const;
    FilterError error() const;
    /// True when there is nothing to test: every request matches.
    bool isEmpty() const;
    /// True when some term reads header lines or bodies, which only the session file holds
    /// (header:, body:, col:, free text). The summary rows then leave some requests undecided.
    bool needsPayloads() const;
    /// Whether a term asks for a signature result (whose rows change when secrets change).
    bool usesSignature() const;
    QString text() const;
    /// The filter in canonical form, e.g. `method:post (type:json OR type:xml) status:400..499`:
    /// defaults spelled out, groups in parentheses. It parses back to the same filter. For tests
    /// and tooltips.
    QString toString() const;

private:
    friend class FilterEvaluator;
    explicit Filter(std::shared_ptr<const FilterDetail::Program> program);
    std::shared_ptr<const FilterDetail::Program> m_program;
};

} // namespace Session
