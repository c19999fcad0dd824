#include "filter.h"

#include "filterterm.h"
#include <algorithm>

#include <QStringList>

namespace Session {

using namespace FilterDetail;

namespace {

/// The filter in canonical words: AND groups inside OR and any group under `-` in parentheses,
/// so the structure shows and the text parses back to the same filter.
QString describe(const Program &p, int node)
{
    const Node &n = p.nodes[size_t(node)];
    const auto grouped = [&p](int child) {
        const QString text = describe(p, child);
        return p.nodes[size_t(child)].kind == Node::Kind::Term || p.nodes[size_t(child)].kind == Node::Kind::Not
                   ? text
                   : QLatin1Char('(') + text + QLatin1Char(')');
    };
    switch (n.kind) {
    case Node::Kind::Term:
        return p.terms[size_t(n.term)].canonical;
    case Node::Kind::Not:
        return QLatin1Char('-') + grouped(n.children.front());
    case Node::Kind::And: {
        QStringList parts;
        for (int child : n.children)
            parts.append(p.nodes[size_t(child)].kind == Node::Kind::Or ? grouped(child) : describe(p, child));
        return parts.join(QLatin1Char(' '));
    }
    case Node::Kind::Or: {
        QStringList parts;
        for (int child : n.children)
            parts.append(grouped(child));
        return parts.join(QStringLiteral(" OR "));
    }
    }
    return {};
}

std::shared_ptr<const Program> emptyProgram()
{
    static const auto empty = std::make_shared<const Program>();
    return empty;
}

} // namespace

Filter::Filter()
    : m_program(emptyProgram())
{
}

Filter::Filter(std::shared_ptr<const Program> program)
    : m_program(std::move(program))
{
}

bool Filter::isValid() const
{
    return m_program->error.isNull();
}

FilterError Filter::error() const
{
    return m_program->error;
}

bool Filter::isEmpty() const
{
    return m_program->root < 0;
}

bool Filter::needsPayloads() const
{
    return m_program->needsPayloads;
}

bool Filter::usesSignature() const
{
    return std::any_of(m_program->terms.cbegin(), m_program->terms.cend(),
                       [](const FilterDetail::Term &t) { return t.field == FilterDetail::Field::Signature; });
}

QString Filter::text() const
{
    return m_program->text;
}

QString Filter::toString() const
{
    return m_program->root < 0 ? QString() : describe(*m_program, m_program->root);
}

} // namespace Session
