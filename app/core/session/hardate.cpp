#include "hardate.h"

#include <QByteArray>

#include <cstring>

namespace Session::HarDate {

namespace {

qint64 daysFromCivil(qint64 y, int m, int d)
{
    // Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's algorithm).
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const qint64 yoe = y - era * 400;
    const qint64 doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const qint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

} // namespace

// ISO 8601 as HAR tools write it: "2024-03-05T10:15:30.123Z", "...30.1234567+01:00" (Fiddler).
// Fractions past milliseconds are cut; a missing zone is read as UTC.
bool parse(const QString &text, qint64 *ms)
{
    const QByteArray s = text.toLatin1();
    qsizetype pos = 0;
    const auto number = [&](int digits, int *value) {
        if (pos + digits > s.size())
            return false;
        *value = 0;
        for (int i = 0; i < digits; ++i, ++pos) {
            if (s[pos] < '0' || s[pos] > '9')
                return false;
            *value = *value * 10 + (s[pos] - '0');
        }
        return true;
    };
    const auto expect = [&](const char *oneOf) {
        if (pos >= s.size() || s[pos] == '\0' || !std::strchr(oneOf, s[pos]))
            return false;
        ++pos;
        return true;
    };
    int year, month, day, hour, minute, second;
    if (!number(4, &year) || !expect("-") || !number(2, &month) || !expect("-") || !number(2, &day) || !expect("Tt ") ||
        !number(2, &hour) || !expect(":") || !number(2, &minute) || !expect(":") || !number(2, &second))
        return false;
    int millis = 0;
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
        const qsizetype start = ++pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            if (pos - start < 3)
                millis = millis * 10 + (s[pos] - '0');
            ++pos;
        }
        if (pos == start)
            return false;
        for (qsizetype n = pos - start; n < 3; ++n)
            millis *= 10;
    }
    int offsetMinutes = 0;
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
        ++pos;
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
        const int sign = s[pos++] == '-' ? -1 : 1;
        int oh = 0, om = 0;
        if (!number(2, &oh) || oh > 23)
            return false;
        if (pos < s.size() && s[pos] == ':')
            ++pos;
        if (pos < s.size() && (!number(2, &om) || om > 59))
            return false;
        offsetMinutes = sign * (oh * 60 + om);
    }
    static const int monthDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (pos != s.size() || month < 1 || month > 12 || day < 1 || day > monthDays[month - 1] ||
        (month == 2 && day == 29 && !leap) || hour > 23 || minute > 59 || second > 60)
        return false;
    const qint64 seconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
    *ms = (seconds - offsetMinutes * 60) * 1000 + millis;
    return true;
}

} // namespace Session::HarDate
