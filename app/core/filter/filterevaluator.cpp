// The fast path: the filter over summary rows, a block of 1024 rows at a time, one bit per row.
//
// Each node yields two bit sets per block: `lo`, rows it matches for certain, and `hi`, rows it
// may match. They are equal for terms on summary fields; a header: or body: term knows nothing
// (lo = none, hi = all) and free text knows its target part (lo = target matches, hi = all).
// NOT swaps them (lo = ~hi, hi = ~lo), so "-header:X" is handled as exactly as "header:X".
// A row matches when the root's lo has it, and is undecided when only hi has it.
//
// Children of AND and OR run cheapest first, each only on the rows still open (AND: rows some
// child may still match; OR: rows no child matched for certain), so a selective first term
// makes the rest nearly free. Pooled columns (method, content type, remote) are tested once per
// distinct value and remembered, so those terms cost one table look-up per row.

#include "filterevaluator.h"
#include "filterterm.h"
#include "session/storedrecord.h"
#include "session/summarystore.h"

#include <algorithm>
#include <array>
#include <bit>
#include <thread>

namespace Session {

using namespace FilterDetail;

namespace {

constexpr int kWords = 16;
constexpr qsizetype kBlockRows = kWords * 64;
// Below this many rows per thread a second thread costs more than it saves.
constexpr qsizetype kMinRowsPerThread = 128 * 1024;

using Words = std::array<quint64, kWords>;

struct Tri
{
    Words lo;
    Words hi;
};

class BlockEvaluator
{
public:
    BlockEvaluator(const Program &program, const SummaryStore &store)
        : m_p(program)
        , m_store(store)
        , m_memo(program.terms.size())
    {
    }

    void run(qsizetype from, qsizetype to, FilterEvaluator::Matches &out)
    {
        for (m_base = from; m_base < to; m_base += kBlockRows) {
            const qsizetype n = std::min(kBlockRows, to - m_base);
            Words mask{};
            for (int w = 0; w < kWords; ++w) {
                const qsizetype bits = std::clamp<qsizetype>(n - w * 64, 0, 64);
                mask[size_t(w)] = bits == 64 ? ~quint64(0) : (quint64(1) << bits) - 1;
            }
            Tri r{};
            eval(m_p.root, mask, r);
            for (int w = 0; w < kWords; ++w) {
                const auto row0 = quint32(m_base + w * 64);
                for (quint64 yes = r.lo[size_t(w)] & mask[size_t(w)]; yes; yes &= yes - 1)
                    out.rows.push_back(row0 + quint32(std::countr_zero(yes)));
                for (quint64 maybe = r.hi[size_t(w)] & ~r.lo[size_t(w)] & mask[size_t(w)]; maybe; maybe &= maybe - 1)
                    out.undecided.push_back(row0 + quint32(std::countr_zero(maybe)));
            }
        }
    }

private:
    // Bits outside `mask` are left undefined in `out`; callers only read bits inside it.
    void eval(int node, const Words &mask, Tri &out)
    {
        const Node &n = m_p.nodes[size_t(node)];
        switch (n.kind) {
        case Node::Kind::Term:
            evalTerm(n.term, mask, out);
            return;
        case Node::Kind::Not: {
            Tri c{};
            eval(n.children.front(), mask, c);
            for (size_t w = 0; w < kWords; ++w) {
                out.lo[w] = ~c.hi[w];
                out.hi[w] = ~c.lo[w];
            }
            return;
        }
        case Node::Kind::And:
            out.lo.fill(~quint64(0));
            out.hi.fill(~quint64(0));
            for (int child : n.byCost) {
                Words open{};
                quint64 any = 0;
                for (size_t w = 0; w < kWords; ++w)
                    any |= open[w] = mask[w] & out.hi[w];
                if (!any)
                    return;
                Tri c{};
                eval(child, open, c);
                for (size_t w = 0; w < kWords; ++w) {
                    out.lo[w] &= c.lo[w];
                    out.hi[w] &= c.hi[w];
                }
            }
            return;
        case Node::Kind::Or:
            out.lo.fill(0);
            out.hi.fill(0);
            for (int child : n.byCost) {
                Words open{};
                quint64 any = 0;
                for (size_t w = 0; w < kWords; ++w)
                    any |= open[w] = mask[w] & ~out.lo[w];
                if (!any)
                    return;
                Tri c{};
                eval(child, open, c);
                for (size_t w = 0; w < kWords; ++w) {
                    out.lo[w] |= c.lo[w];
                    out.hi[w] |= c.hi[w];
                }
            }
            return;
        }
    }

    template<class Pred>
    void leaf(const Words &mask, Pred &&pred, Words &out) const
    {
        for (size_t w = 0; w < kWords; ++w) {
            quint64 m = mask[w];
            quint64 bits = 0;
            const qsizetype first = m_base + qsizetype(w) * 64;
            if (const RequestSummary *rows = m_store.contiguous(first, 64)) {
                if (m == ~quint64(0)) {
                    for (int b = 0; b < 64; ++b)
                        bits |= quint64(pred(rows[b])) << b;
                } else {
                    for (; m; m &= m - 1) {
                        const int b = std::countr_zero(m);
                        bits |= quint64(pred(rows[b])) << b;
                    }
                }
            } else {
                // The 64 rows cross from one of the store's blocks to the next.
                for (; m; m &= m - 1) {
                    const int b = std::countr_zero(m);
                    bits |= quint64(pred(m_store.at(first + b))) << b;
                }
            }
            out[w] = bits;
        }
    }

    /// The remembered result of a test on pooled value `index` of term `term`.
    template<class Test>
    bool pooled(int term, quint32 index, Test &&test)
    {
        std::vector<qint8> &memo = m_memo[size_t(term)];
        if (index >= memo.size())
            memo.resize(std::max<size_t>(size_t(index) + 1, std::max<size_t>(memo.size() * 2, 256)), -1);
        qint8 &known = memo[index];
        if (known < 0)
            known = test() ? 1 : 0;
        return known != 0;
    }

    void evalTerm(int term, const Words &mask, Tri &out)
    {
        const Term &t = m_p.terms[size_t(term)];
        const SummaryStore &store = m_store;
        switch (t.field) {
        case Field::Header:
        case Field::Body:
        case Field::Column:
            out.lo.fill(0);
            out.hi.fill(~quint64(0));
            return;
        case Field::Text:
            leaf(
                mask, [&](const RequestSummary &s) { return t.needle.foundIn(store.target(s)); }, out.lo);
            out.hi.fill(~quint64(0));
            return;
        case Field::Method:
            leaf(
                mask,
                [&](const RequestSummary &s) {
                    return pooled(term, s.method, [&] { return matchesMethod(t, store.method(s)); });
                },
                out.lo);
            break;
        case Field::Type:
            leaf(
                mask,
                [&](const RequestSummary &s) {
                    return pooled(term, s.contentType, [&] { return matchesType(t, store.contentType(s)); });
                },
                out.lo);
            break;
        case Field::Remote:
            leaf(
                mask,
                [&](const RequestSummary &s) {
                    return (t.port < 0 || t.port == s.remotePort) &&
                           pooled(term, s.remote, [&] { return matchesRemoteAddress(t, store.remoteAddress(s)); });
                },
                out.lo);
            break;
        case Field::Status:
            leaf(
                mask, [&t](const RequestSummary &s) { return t.range.contains(s.status); }, out.lo);
            break;
        case Field::Size:
            leaf(
                mask, [&t](const RequestSummary &s) { return t.range.contains(s.bodySize); }, out.lo);
            break;
        case Field::Id:
            leaf(
                mask, [&t](const RequestSummary &s) { return t.range.contains(s.id); }, out.lo);
            break;
        case Field::Path: {
            leaf(
                mask, [&](const RequestSummary &s) { return matchesPath(t, store.target(s)); }, out.lo);
            // A target cut in the summary is decided on the whole one, read from the file.
            Words cut;
            leaf(
                mask, [](const RequestSummary &s) { return s.targetLength >= SummaryStore::kMaxTarget; }, cut);
            for (size_t w = 0; w < kWords; ++w) {
                out.hi[w] = out.lo[w] | cut[w];
                out.lo[w] &= ~cut[w];
            }
            return;
        }
        case Field::Rejected:
        case Field::Chunked:
        case Field::Tls:
        case Field::Warning:
            leaf(
                mask, [&t](const RequestSummary &s) { return matchesFlags(t, s.flags); }, out.lo);
            break;
        case Field::Signature:
            leaf(
                mask, [&t](const RequestSummary &s) { return matchesSignature(t, s.signatureScheme, s.signature); },
                out.lo);
            break;
        case Field::Event:
            leaf(
                mask,
                [&](const RequestSummary &s) {
                    return pooled(term, s.event, [&] { return t.glob.matches(store.event(s)); });
                },
                out.lo);
            break;
        }
        out.hi = out.lo;
    }

    const Program &m_p;
    const SummaryStore &m_store;
    qsizetype m_base = 0;
    std::vector<std::vector<qint8>> m_memo; // per term, per pooled index: -1 unknown, 0, 1
};

} // namespace

FilterEvaluator::FilterEvaluator(Filter filter)
    : m_filter(std::move(filter))
{
}

FilterEvaluator::Matches FilterEvaluator::evaluate(const SummaryStore &store, qsizetype from, qsizetype to,
                                                   int threads) const
{
    Matches out;
    if (to < 0 || to > store.size())
        to = store.size();
    from = std::clamp<qsizetype>(from, 0, to);
    if (from == to)
        return out;
    const Program &p = *m_filter.m_program;
    if (p.root < 0) {
        out.rows.resize(size_t(to - from));
        for (size_t i = 0; i < out.rows.size(); ++i)
            out.rows[i] = quint32(from + qsizetype(i));
        return out;
    }
    if (threads <= 0)
        threads = int(std::clamp(std::thread::hardware_concurrency(), 1u, 8u));
    const qsizetype parts = std::clamp<qsizetype>((to - from) / kMinRowsPerThread, 1, threads);
    if (parts == 1) {
        BlockEvaluator(p, store).run(from, to, out);
        return out;
    }
    // Equal shares, each a whole number of blocks; the calling thread takes the first.
    const qsizetype share = ((to - from) / parts + kBlockRows - 1) / kBlockRows * kBlockRows;
    std::vector<Matches> results(static_cast<size_t>(parts));
    std::vector<std::thread> workers;
    for (qsizetype i = 1; i < parts; ++i) {
        const qsizetype a = std::min(to, from + i * share);
        const qsizetype b = i + 1 == parts ? to : std::min(to, a + share);
        workers.emplace_back(
            [&p, &store, &results, i, a, b] { BlockEvaluator(p, store).run(a, b, results[size_t(i)]); });
    }
    BlockEvaluator(p, store).run(from, std::min(to, from + share), results[0]);
    for (std::thread &w : workers)
        w.join();
    out = std::move(results[0]);
    for (size_t i = 1; i < results.size(); ++i) {
        out.rows.insert(out.rows.end(), results[i].rows.begin(), results[i].rows.end());
        out.undecided.insert(out.undecided.end(), results[i].undecided.begin(), results[i].undecided.end());
    }
    return out;
}

bool FilterEvaluator::matches(const CapturedRequest &record) const
{
    const Program &p = *m_filter.m_program;
    if (p.root < 0)
        return true;
    const Http::Request &q = record.request;
    const bool line = q.hasRequestLine();
    const QByteArray contentType = Stored::contentTypeOf(q);
    Record r;
    r.id = record.id;
    r.bodySize = q.body().size();
    r.flags = Stored::flagsOf(record);
    r.status = record.responseStatus;
    r.method = line ? q.method() : QByteArrayView();
    r.target = line ? q.target() : QByteArrayView();
    r.contentType = contentType;
    if (p.usesRemote)
        r.remote = record.remoteAddress.toString();
    r.remotePort = record.remotePort;
    const SummarySignature signature = SummaryStore::signatureOf(record.signature);
    r.signatureScheme = signature.scheme;
    r.signature = signature.verdict;
    const QByteArray event = (record.event.isNull() ? webhookEventOf(q) : record.event).toUtf8();
    r.event = event;
    if (record.rejected) {
        splitRaw(record.raw, &r.head, &r.body);
    } else {
        r.head = q.rawHead();
        r.body = q.body();
    }
    return FilterDetail::matches(p, p.root, r);
}

std::vector<qint64> FilterEvaluator::idsOf(const SummaryStore &store, const std::vector<quint32> &rows)
{
    std::vector<qint64> ids;
    ids.reserve(rows.size());
    for (quint32 row : rows)
        ids.push_back(store.at(row).id);
    return ids;
}

std::vector<quint32> FilterEvaluator::mergeRows(const SummaryStore &store, const std::vector<quint32> &rows,
                                                const std::vector<qint64> &ids)
{
    std::vector<quint32> extra;
    extra.reserve(ids.size());
    for (qint64 id : ids) {
        const qsizetype row = store.rowOfId(id);
        if (row >= 0)
            extra.push_back(quint32(row));
    }
    std::sort(extra.begin(), extra.end());
    std::vector<quint32> out;
    out.reserve(rows.size() + extra.size());
    std::merge(rows.begin(), rows.end(), extra.begin(), extra.end(), std::back_inserter(out));
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

} // namespace Session
