#pragma once
// The session writer's connection and prepared statements: shared by the files that implement
// Session::SessionWriter, private to them.

#include "outboundwriter.h"
#include "sessionwriter.h"
#include "sqlite.h"

#include <QHash>
#include <QHostAddress>
#include <QLoggingCategory>

namespace Session {

Q_DECLARE_LOGGING_CATEGORY(lcSession)

struct SessionWriter::Db
{
    Sql::Database db;
    Sql::Statement insertRequest;
    Sql::Statement insertPayload;
    Sql::Statement insertAnswer;
    Sql::Statement trim;
    Sql::Statement trimPayloads;
    OutboundWriter outbound;
    QHash<QByteArray, qint64> answers; // digest → id
    qint64 lastAnswerId = 0;
    int lastStatus = 0;
    QByteArray lastBody;
    Http::HeaderList lastHeaders;
    QHostAddress lastRemote;
    QByteArray lastRemoteText;
};

} // namespace Session
