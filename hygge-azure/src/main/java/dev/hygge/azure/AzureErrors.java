package dev.hygge.azure;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.file.datalake.models.DataLakeStorageException;
import dev.hygge.spi.ObjectExistsException;
import dev.hygge.spi.StoreException;

/** SDK failures as messages naming the account, container and key, saying what to do, holding no secret. */
final class AzureErrors {
    private AzureErrors() {}

    static StoreException of(String what, AzureLocation location, String key, RuntimeException e) {
        String where = location.blobEndpoint() + "/" + location.container() + "/" + key;
        String code = "";
        int status = 0;
        if (e instanceof BlobStorageException b) {
            code = b.getErrorCode() == null ? "" : b.getErrorCode().toString();
            status = b.getStatusCode();
        } else if (e instanceof DataLakeStorageException d) {
            code = d.getErrorCode() == null ? "" : d.getErrorCode();
            status = d.getStatusCode();
        } else if (e instanceof ClientAuthenticationException) {
            return new StoreException("no token for storage account '" + location.account() + "' (" + what + " " + where
                    + "): " + firstLine(e.getMessage()) + "; check credential, tenant_id, client_id, client_secret", e);
        }
        if (code.equals("ContainerNotFound") || code.equals("FilesystemNotFound")) {
            return new StoreException("container '" + location.container() + "' does not exist in storage account '"
                    + location.account() + "' (" + what + " " + where + "): create it, or fix the location", e);
        }
        if (code.equals("BlobAlreadyExists") || code.equals("PathAlreadyExists") || code.equals("ConditionNotMet")) {
            return new ObjectExistsException(where + " exists already (" + what + ")", e);
        }
        if (status == 403 || status == 401 || code.startsWith("Authentication") || code.startsWith("Authorization")) {
            return new StoreException("storage account '" + location.account() + "' refused access (" + code + ", " + what
                    + " " + where + "): check the credential and its key, SAS or role assignment", e);
        }
        if (status == 0) {
            return new StoreException(what + " " + where + " failed before the account answered: "
                    + firstLine(e.getMessage()) + " (is the endpoint reachable?)", e);
        }
        return new StoreException(what + " " + where + " failed: " + status + " " + code, e);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
