#pragma once

#include "jobcontrol.h"
#include "jsonscanner.h"
#include "parseerror.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <vector>

namespace Payload {

/**
 * A compact index of a JSON document for a collapsible tree view, built from the original bytes
 * and pointing back into them (so "copy value" gives the exact text that was sent).
 *
 * Layout: node 0 is the root. The children of a container sit next to each other in the node
 * array, so a model's index(row, parent) is firstChild + row and rowCount is childCount, both
 * O(1) even for an array of a million elements. (Children are contiguous, but the array is not
 * in document order across levels: a container's children are stored when the container closes.)
 */
class JsonTree
{
    Q_DECLARE_TR_FUNCTIONS(Payload::JsonTree)

public:
    static constexpr quint32 kNone = 0xffffffffu;

    struct Node
    {
        quint32 parent = kNone; ///< kNone for the root
        quint32 firstChild = kNone;
        quint32 childCount = 0;    ///< members of an object, elements of an array; 0 for scalars
        quint32 keyOffset = kNone; ///< the member name with its quotes; kNone for elements and the root
        quint32 keyLength = 0;
        quint32 valueOffset = 0; ///< the value's exact text: from its first to its last byte
        quint32 valueLength = 0;
        JsonType type = JsonType::Null;
    };
    static_assert(sizeof(Node) == 32, "a 25 MB document has about a million nodes");

    JsonTree() = default;

    /// Parses `json` (shared, not copied). Inputs of 4 GiB and more are refused.
    static JsonTree build(const QByteArray &json, const JobControl &control = {});

    bool isValid() const { return !m_nodes.empty(); }
    bool wasCancelled() const { return m_cancelled; }
    /// Why build() failed (the same reasons and offsets as formatJson()).
    const ParseError &error() const { return m_error; }

    quint32 size() const { return quint32(m_nodes.size()); }
    // Accessors below take an index < size(); the ones returning text give an empty result otherwise.
    const Node &node(quint32 index) const { return m_nodes[index]; }
    /// The child at `row` of a container, or kNone.
    quint32 child(quint32 parent, quint32 row) const;
    /// The position of a node among its parent's children (0 for the root).
    quint32 row(quint32 index) const;

    /// The member name as written, with its quotes; empty for array elements and the root.
    QByteArrayView rawKey(quint32 index) const;
    /// The member name with escapes resolved.
    QString key(quint32 index) const;
    /// The exact original text of the value ("copy value").
    QByteArrayView valueText(quint32 index) const;
    /// RFC 6901 JSON pointer of the node: "" for the root, "/a~1b/0" for ["a/b"][0].
    QString pointer(quint32 index) const;
    /// The node a JSON pointer names, or kNone. With several members of the same name the first wins.
    quint32 find(QStringView pointer) const;

    const QByteArray &source() const { return m_source; }

private:
    QByteArray m_source;
    std::vector<Node> m_nodes;
    ParseError m_error;
    bool m_cancelled = false;
};

/// The value of a JSON string literal (with its quotes) with escapes resolved; surrogate pairs are
/// joined, lone surrogates are kept as they are, bytes are read as UTF-8.
QString decodeJsonString(QByteArrayView quoted);

} // namespace Payload
