// Filter::parse: a recursive-descent parser that reads words straight from the text, so a `)`
// can end a word only inside parentheses and every error knows its exact place.

#include "filter.h"
#include "filterword.h"

#include <algorithm>

namespace Session {

using namespace FilterDetail;

namespace {

bool isAsciiLetter(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'));
}

constexpr int kMaxNesting = 64;

enum class Tok { End, LParen, RParen, Minus, LoneMinus, Or, And, Not, Word };

struct Token
{
    Tok kind = Tok::End;
    qsizetype start = 0;
    qsizetype end = 0;
};

class Parser
{
public:
    Parser(const QString &text, const CustomColumns &columns, Program &program)
        : m_s(text)
        , m_columns(columns)
        , m_p(program)
    {
    }

    void run()
    {
        const int root = parseOr();
        if (m_failed)
            return;
        // At depth 0 nothing stops parseOr but the end: ')' there is an ordinary character.
        m_p.root = root;
    }

private:
    bool endsWord(qsizetype i) const
    {
        return i >= m_s.size() || m_s[i].isSpace() || (m_s[i] == QLatin1Char(')') && m_depth > 0);
    }

    bool isKeyword(qsizetype i, QLatin1String word) const
    {
        const qsizetype after = i + word.size();
        return QStringView(m_s).sliced(i).startsWith(word) &&
               (endsWord(after) || (after < m_s.size() && m_s[after] == QLatin1Char('(')));
    }

    Token peek()
    {
        while (m_pos < m_s.size() && m_s[m_pos].isSpace())
            ++m_pos;
        const qsizetype i = m_pos;
        if (i >= m_s.size())
            return {Tok::End, i, i};
        const QChar c = m_s[i];
        if (c == QLatin1Char('('))
            return {Tok::LParen, i, i + 1};
        if (c == QLatin1Char(')') && m_depth > 0)
            return {Tok::RParen, i, i + 1};
        if (c == QLatin1Char('-'))
            return {endsWord(i + 1) ? Tok::LoneMinus : Tok::Minus, i, i + 1};
        if (isKeyword(i, QLatin1String("OR")))
            return {Tok::Or, i, i + 2};
        if (isKeyword(i, QLatin1String("AND")))
            return {Tok::And, i, i + 3};
        if (isKeyword(i, QLatin1String("NOT")))
            return {Tok::Not, i, i + 3};
        return {Tok::Word, i, i};
    }

    static bool endsTerms(Tok t) { return t == Tok::End || t == Tok::RParen || t == Tok::Or || t == Tok::And; }

    int fail(qsizetype start, qsizetype end, const QString &message)
    {
        if (!m_failed)
            m_p.error = {start, end - start, message};
        m_failed = true;
        return -1;
    }

    int addNode(Node::Kind kind, const std::vector<int> &children, int term = -1)
    {
        Node n;
        n.kind = kind;
        n.term = term;
        for (int child : children) {
            // (a b) c is one AND of three: fewer passes over the rows.
            const Node &c = m_p.nodes[size_t(child)];
            if ((kind == Node::Kind::And || kind == Node::Kind::Or) && c.kind == kind)
                n.children.insert(n.children.end(), c.children.begin(), c.children.end());
            else
                n.children.push_back(child);
        }
        m_p.nodes.push_back(std::move(n));
        return int(m_p.nodes.size() - 1);
    }

    int parseOr()
    {
        std::vector<int> alternatives;
        const int first = parseAnd();
        if (m_failed)
            return -1;
        if (first >= 0)
            alternatives.push_back(first);
        for (Token t = peek(); t.kind == Tok::Or; t = peek()) {
            if (alternatives.empty())
                return fail(t.start, t.end, Filter::tr("OR needs a term on both sides"));
            m_pos = t.end;
            const int next = parseAnd();
            if (m_failed)
                return -1;
            if (next < 0)
                return fail(t.start, t.end, Filter::tr("OR needs a term on both sides"));
            alternatives.push_back(next);
        }
        if (alternatives.size() <= 1)
            return alternatives.empty() ? -1 : alternatives.front();
        return addNode(Node::Kind::Or, alternatives);
    }

    int parseAnd()
    {
        std::vector<int> items;
        while (true) {
            const Token t = peek();
            if (t.kind == Tok::End || t.kind == Tok::RParen || t.kind == Tok::Or)
                break;
            if (t.kind == Tok::And) {
                m_pos = t.end;
                if (items.empty() || endsTerms(peek().kind))
                    return fail(t.start, t.end, Filter::tr("AND needs a term on both sides"));
                continue;
            }
            const int item = parseUnary();
            if (m_failed)
                return -1;
            items.push_back(item);
        }
        if (items.size() <= 1)
            return items.empty() ? -1 : items.front();
        return addNode(Node::Kind::And, items);
    }

    int parseUnary()
    {
        const Token t = peek();
        // Parsing and evaluation recurse once per level; a pasted "((((..." must not overflow the stack.
        if ((t.kind == Tok::Minus || t.kind == Tok::Not || t.kind == Tok::LParen) && m_nesting >= kMaxNesting)
            return fail(t.start, t.end, Filter::tr("too deeply nested — at most %1 levels").arg(kMaxNesting));
        ++m_nesting;
        const int node = parseUnaryAt(t);
        --m_nesting;
        return node;
    }

    int parseUnaryAt(const Token &t)
    {
        switch (t.kind) {
        case Tok::LoneMinus:
            return fail(t.start, t.end, Filter::tr("'-' needs a term right after it, like -method:GET"));
        case Tok::Minus:
        case Tok::Not: {
            m_pos = t.end;
            if (endsTerms(peek().kind)) {
                return fail(t.start, t.end,
                            t.kind == Tok::Not ? Filter::tr("NOT needs a term after it, like NOT method:GET")
                                               : Filter::tr("'-' needs a term right after it, like -method:GET"));
            }
            const int operand = parseUnary();
            return m_failed ? -1 : addNode(Node::Kind::Not, {operand});
        }
        case Tok::LParen: {
            m_pos = t.end;
            ++m_depth;
            const int inner = parseOr();
            if (m_failed)
                return -1;
            const Token close = peek();
            if (close.kind != Tok::RParen)
                return fail(t.start, t.end, Filter::tr("this ( is never closed — add a ) after the group"));
            if (inner < 0)
                return fail(t.start, close.end, Filter::tr("the parentheses hold nothing"));
            m_pos = close.end;
            --m_depth;
            return inner;
        }
        default:
            return parseWord();
        }
    }

    int parseWord()
    {
        Word w;
        if (!readWord(w))
            return -1;
        Term term;
        term.start = w.start;
        term.length = w.end - w.start;
        FilterError error;
        if (!makeTerm(w, term, m_columns, &error))
            return fail(error.start, error.start + error.length, error.message);
        m_p.terms.push_back(std::move(term));
        return addNode(Node::Kind::Term, {}, int(m_p.terms.size() - 1));
    }

    bool readWord(Word &w)
    {
        w.start = m_pos;
        // field:value, where field is letters. "https://..." is text, not an unknown field.
        qsizetype i = m_pos;
        while (i < m_s.size() && isAsciiLetter(m_s[i]))
            ++i;
        if (i > m_pos && i < m_s.size() && m_s[i] == QLatin1Char(':') &&
            !QStringView(m_s).sliced(i + 1).startsWith(u"//")) {
            w.field = m_s.sliced(m_pos, i - m_pos);
            w.fieldStart = m_pos;
            w.fieldEnd = i;
            m_pos = i + 1;
        }
        w.valueStart = m_pos;
        bool inQuote = false;
        qsizetype quoteStart = -1;
        const auto push = [&w](QChar c, bool escaped, qsizetype at) {
            w.text += c;
            w.escaped.push_back(escaped);
            w.source.push_back(at);
        };
        while (m_pos < m_s.size()) {
            const QChar c = m_s[m_pos];
            if (c == QLatin1Char('"')) {
                inQuote = !inQuote;
                quoteStart = m_pos++;
                continue;
            }
            if (!inQuote && endsWord(m_pos))
                break;
            if (c == QLatin1Char('\\') && m_pos + 1 < m_s.size()) {
                push(m_s[m_pos + 1], true, m_pos + 1);
                m_pos += 2;
                continue;
            }
            push(c, false, m_pos++);
        }
        w.end = m_pos;
        if (inQuote) {
            fail(quoteStart, m_s.size(), Filter::tr("this quote is never closed — add a \" after the text"));
            return false;
        }
        return true;
    }
    const QString &m_s;
    const CustomColumns &m_columns;
    Program &m_p;
    qsizetype m_pos = 0;
    int m_depth = 0;   // parentheses open
    int m_nesting = 0; // parentheses and negations open
    bool m_failed = false;
};

int finishNode(Program &p, int node)
{
    Node &n = p.nodes[size_t(node)];
    if (n.kind == Node::Kind::Term) {
        const Term &t = p.terms[size_t(n.term)];
        p.needsPayloads = p.needsPayloads || t.needsPayload();
        p.usesRemote = p.usesRemote || t.field == Field::Remote;
        n.cost = t.cost();
        return n.cost;
    }
    int cost = 0;
    for (int child : n.children)
        cost += finishNode(p, child);
    n.byCost = n.children;
    std::stable_sort(n.byCost.begin(), n.byCost.end(),
                     [&p](int a, int b) { return p.nodes[size_t(a)].cost < p.nodes[size_t(b)].cost; });
    n.cost = cost;
    return cost;
}

} // namespace

Filter Filter::parse(const QString &text, FilterError *error)
{
    return parse(text, {}, error);
}

Filter Filter::parse(const QString &text, const CustomColumns &columns, FilterError *error)
{
    auto program = std::make_shared<Program>();
    program->text = text;
    Parser(text, columns, *program).run();
    if (!program->error.isNull()) {
        // A filter that does not parse filters nothing; the bar shows why.
        program->root = -1;
        program->nodes.clear();
        program->terms.clear();
    } else if (program->root >= 0) {
        finishNode(*program, program->root);
    }
    if (error)
        *error = program->error;
    return Filter(std::move(program));
}

} // namespace Session
