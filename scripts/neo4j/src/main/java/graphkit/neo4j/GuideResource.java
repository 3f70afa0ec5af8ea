package graphkit.neo4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.ws.rs.GET;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Response;

/**
 * Serves the graphkit Browser guide (the stored query catalog, written by {@code graphkit browser
 * --write-guide}) at /graphkit/guide, for {@code :play http://127.0.0.1:7474/graphkit/guide}.
 * The file is read at every request, so a rewritten guide shows without a restart.
 */
@javax.ws.rs.Path("/guide")
public final class GuideResource {
    @GET
    @Produces("text/html; charset=utf-8")
    public Response guide() {
        String location = System.getenv("GRAPHKIT_GUIDE");
        if (location == null || location.isBlank()) {
            return Response.status(404).entity("GRAPHKIT_GUIDE is not set for this server").build();
        }
        try {
            return Response.ok(Files.readString(Path.of(location))).build();
        } catch (IOException e) {
            return Response.status(404).entity("no guide at " + location + ": " + e.getMessage()).build();
        }
    }
}
