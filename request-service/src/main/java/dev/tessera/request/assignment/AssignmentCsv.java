package dev.tessera.request.assignment;

import dev.tessera.platform.graph.query.FilterExpr;
import dev.tessera.platform.graph.query.Keyset;
import dev.tessera.request.assignment.AssignmentRepository.ExportRow;
import dev.tessera.request.catalog.AssignmentAuthority;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The CSV export of a filtered assignment list (the portal's "Download"), streamed: the rows are read
 * in keyset chunks and each chunk is written out before the next is read, so memory stays that of
 * one chunk however many rows there are. A chunk reads only the CSV's columns (a projection, not
 * entities), {@code tessera.export.chunk-size} rows at a time; the target's name, UPN and email come in
 * the same query (see {@link Assignment#targetDisplayName}).
 */
@ApplicationScoped
public class AssignmentCsv {

    static final String HEADER = "id,accessPackageId,accessPackageDisplayName,catalogId,assignmentPolicyId,"
            + "targetObjectId,state,status,startDateTime,endDateTime,expirationType,duration,expiredDateTime,"
            + "createdDateTime,targetDisplayName,targetPrincipalName,targetEmail\r\n";

    @Inject
    AssignmentRepository repository;

    @ConfigProperty(name = "tessera.export.chunk-size", defaultValue = "5000")
    int chunkSize;

    /** The header, then one text chunk per keyset page. */
    public Multi<String> export(Optional<FilterExpr> filter, AssignmentAuthority.Visibility visible) {
        // A bad $filter is a 400 now, before the 200 and the header are on their way.
        Keyset.where(filter, AssignmentRepository.FIELDS);
        AtomicReference<UUID> after = new AtomicReference<>();
        AtomicBoolean finished = new AtomicBoolean();
        Multi<String> rows = Multi.createBy().repeating()
                .uni(() -> finished.get() ? Uni.createFrom().item(List.<ExportRow>of())
                        : repository.exportChunk(filter, visible, after.get(), chunkSize).map(page -> {
                            List<ExportRow> chunk = page.size() > chunkSize ? page.subList(0, chunkSize) : page;
                            finished.set(page.size() <= chunkSize);
                            if (!chunk.isEmpty()) {
                                after.set(chunk.get(chunk.size() - 1).id());
                            }
                            return chunk;
                        }))
                .until(List::isEmpty)
                .map(AssignmentCsv::lines);
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(HEADER), rows);
    }

    static String lines(List<ExportRow> chunk) {
        StringBuilder out = new StringBuilder(chunk.size() * 256);
        for (ExportRow a : chunk) {
            out.append(a.id()).append(',').append(a.accessPackageId()).append(',').append(field(a.accessPackageName()))
                    .append(',').append(value(a.catalogId())).append(',').append(a.assignmentPolicyId()).append(',')
                    .append(value(a.targetObjectId())).append(',').append(a.state()).append(',').append(field(a.status()))
                    .append(',').append(time(a.startAt())).append(',').append(time(a.endAt())).append(',')
                    .append(field(a.expirationType())).append(',').append(field(a.duration())).append(',')
                    .append(time(a.expiredAt())).append(',').append(time(a.createdAt())).append(',')
                    .append(field(a.targetDisplayName())).append(',').append(field(a.targetPrincipalName())).append(',')
                    .append(field(a.targetEmail())).append("\r\n");
        }
        return out.toString();
    }

    /**
     * RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled. A value a spreadsheet
     * would run as a formula (starting with = + - @, a tab or a carriage return; names come from catalog
     * owners) is prefixed with a single quote first, as OWASP's CSV-injection advice says.
     */
    static String field(String text) {
        if (text == null) {
            return "";
        }
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0;
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    private static String value(Object value) {
        return value == null ? "" : value.toString();
    }

    private static String time(Instant instant) {
        return instant == null ? "" : instant.toString();
    }
}
