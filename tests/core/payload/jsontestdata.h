#pragma once

// Shared by the JSON tests and the benchmark: generated documents and the whitespace-only check.

#include <QByteArray>
#include <QRandomGenerator>

namespace JsonTestData {

// Removes JSON whitespace outside strings: two texts that differ only in formatting compare equal.
inline QByteArray stripWhitespace(const QByteArray &json)
{
    QByteArray out;
    out.reserve(json.size());
    bool inString = false;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (inString) {
            out += c;
            if (c == '\\' && i + 1 < json.size()) {
                out += json[++i];
            } else if (c == '"') {
                inString = false;
            }
        } else if (c == '"') {
            inString = true;
            out += c;
        } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
            out += c;
        }
    }
    return out;
}

// Random but reproducible JSON with the spellings a formatter must not touch.
class Generator
{
public:
    explicit Generator(quint32 seed, bool sprinkleWhitespace = true)
        : m_rng(seed)
        , m_whitespace(sprinkleWhitespace)
    {
    }

    QByteArray document(int maxDepth)
    {
        QByteArray out;
        value(out, maxDepth);
        return out;
    }

    void value(QByteArray &out, int depth)
    {
        const int pick = int(m_rng.bounded(depth > 0 ? 10 : 6));
        switch (pick) {
        case 0:
        case 1:
            string(out);
            break;
        case 2:
            number(out);
            break;
        case 3:
            out += "true";
            break;
        case 4:
            out += m_rng.bounded(2) ? "false" : "null";
            break;
        case 5:
            number(out);
            break;
        case 6:
        case 7:
            object(out, depth - 1);
            break;
        default:
            array(out, depth - 1);
            break;
        }
    }

    void object(QByteArray &out, int depth)
    {
        out += '{';
        const int n = int(m_rng.bounded(6));
        for (int i = 0; i < n; ++i) {
            if (i)
                out += ',';
            ws(out);
            string(out);
            ws(out);
            out += ':';
            ws(out);
            value(out, depth);
            ws(out);
        }
        if (n == 0)
            ws(out);
        out += '}';
    }

    void array(QByteArray &out, int depth)
    {
        out += '[';
        const int n = int(m_rng.bounded(6));
        for (int i = 0; i < n; ++i) {
            if (i)
                out += ',';
            ws(out);
            value(out, depth);
            ws(out);
        }
        if (n == 0)
            ws(out);
        out += ']';
    }

    void string(QByteArray &out)
    {
        static const char *const pieces[] = {
            "a",
            "key",
            "x y",
            "\\u00e9",
            "\\u00E9",
            "\\/",
            "/",
            "\\\"",
            "\\\\",
            "\\n",
            "\\t",
            "\\r\\n",
            "\\b\\f",
            "\\ud83d\\ude00",
            "\xc3\xa9",
            "\xe6\x97\xa5\xe6\x9c\xac",
            "\xf0\x9f\x98\x80",
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            " ",
            "  ",
            "\\u0000",
            "~",
            "~1",
        };
        out += '"';
        const int n = int(m_rng.bounded(5));
        for (int i = 0; i < n; ++i)
            out += pieces[m_rng.bounded(int(std::size(pieces)))];
        out += '"';
    }

    void number(QByteArray &out)
    {
        static const char *const spellings[] = {
            "0",
            "-0",
            "1",
            "1.0",
            "1e3",
            "1E3",
            "1e+3",
            "1e-3",
            "-1.5E-10",
            "0.000001",
            "12345678901234567890",
            "-98765432109876543210.123",
            "3.14159265358979323846264338327950288",
            "1.0e0",
            "100",
            "0.5",
        };
        out += spellings[m_rng.bounded(int(std::size(spellings)))];
    }

    void ws(QByteArray &out)
    {
        if (!m_whitespace)
            return;
        static const char *const spaces[] = {"", "", "", " ", "\n", "\t", "\r\n  ", "   "};
        out += spaces[m_rng.bounded(int(std::size(spaces)))];
    }

private:
    QRandomGenerator m_rng;
    bool m_whitespace;
};

// A compact webhook-like document of about `bytes`: an array of event objects, the shape of a
// batch export (nested objects, arrays, ids, amounts, timestamps, booleans, nulls, text).
inline QByteArray webhookBatch(qsizetype bytes)
{
    QByteArray out;
    out.reserve(bytes + 4096);
    out += "{\"object\":\"list\",\"has_more\":false,\"data\":[";
    for (int i = 0; out.size() < bytes; ++i) {
        if (i)
            out += ',';
        const QByteArray n = QByteArray::number(i);
        out += "{\"id\":\"evt_1Nf";
        out += n;
        out += "QxZ2eZvKYlo2C\",\"type\":\"invoice.payment_succeeded\",\"created\":";
        out += QByteArray::number(1700000000 + i);
        out += ",\"livemode\":false,\"pending_webhooks\":";
        out += QByteArray::number(i % 4);
        out += ",\"data\":{\"object\":{\"amount_due\":";
        out += QByteArray::number(i * 37 % 100000);
        out += ",\"amount_paid\":1999.50,\"currency\":\"eur\",\"customer\":{\"name\":\"Ren\\u00e9e "
               "M\xc3\xbcller\",\"email\":\"renee";
        out += n;
        out += "@example.com\",\"tags\":[\"vip\",\"beta\"],\"address\":null},\"lines\":[{\"amount\":1e3,"
               "\"qty\":1,\"desc\":\"Plan \\\"Pro\\\" \\/ monthly\"},{\"amount\":-0,\"qty\":2,\"desc\":"
               "\"discount\"}],\"paid\":true,\"metadata\":{},\"notes\":[]}}}";
    }
    out += "]}";
    return out;
}

} // namespace JsonTestData
