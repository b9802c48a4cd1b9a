package dev.switchboard.provider.vertex;

import com.google.api.gax.grpc.GrpcCallContext;
import com.google.api.gax.grpc.GrpcCallSettings;
import com.google.api.gax.grpc.GrpcCallableFactory;
import com.google.api.gax.rpc.ClientContext;
import com.google.api.gax.rpc.UnaryCallSettings;
import com.google.api.gax.rpc.UnaryCallable;
import com.google.cloud.aiplatform.v1.PublisherModel;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import dev.switchboard.core.model.ModelInfo;
import io.grpc.MethodDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lists Google's publisher models (the Gemini family) through the configured location's endpoint.
 *
 * <p>Why this shape: the v1 API has no list call for publisher models (v1 ModelGardenService only offers
 * GetPublisherModel and Deploy), and v1 ModelService.ListModels lists a project's own uploaded models. v1beta1
 * ModelGardenService.ListPublisherModels is the call Google's own tools use, but its generated classes live in
 * the 19 MB v1beta1 proto artifact this module leaves out. The call only needs two small wrapper messages, so
 * they are encoded here by field number (from google/cloud/aiplatform/v1beta1/model_garden_service.proto), and
 * each listed model is parsed with v1's PublisherModel, which keeps v1beta1's field numbers. The call runs
 * through gax over the SDK's own ClientContext: the same channel, endpoint, ADC credentials and headers as
 * generateContent; nothing is signed or authenticated by hand.
 */
final class PublisherModelCatalog {
    static final String METHOD = "google.cloud.aiplatform.v1beta1.ModelGardenService/ListPublisherModels";
    static final String PARENT = "publishers/google";
    private static final int PAGE_SIZE = 1000;
    private static final int MAX_PAGES = 50;

    /** ListPublisherModelsRequest: parent = 1, page_size = 3, page_token = 4. */
    record ListRequest(String parent, int pageSize, String pageToken) {}

    /** ListPublisherModelsResponse: publisher_models = 1, next_page_token = 2. */
    record ListPage(List<PublisherModel> models, String nextPageToken) {}

    static final MethodDescriptor<ListRequest, ListPage> LIST = MethodDescriptor.<ListRequest, ListPage>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(METHOD)
            .setRequestMarshaller(new RequestMarshaller())
            .setResponseMarshaller(new PageMarshaller())
            .build();

    private final UnaryCallable<ListRequest, ListPage> list;

    PublisherModelCatalog(ClientContext context) {
        GrpcCallSettings<ListRequest, ListPage> grpc = GrpcCallSettings.<ListRequest, ListPage>newBuilder()
                .setMethodDescriptor(LIST)
                // routing header, as the generated stubs send it
                .setParamsExtractor(r -> Map.of("parent", r.parent()))
                .build();
        UnaryCallSettings<ListRequest, ListPage> call =
                UnaryCallSettings.<ListRequest, ListPage>newUnaryCallSettingsBuilder()
                        .setRetryableCodes(Set.of())
                        .build();
        list = GrpcCallableFactory.createUnaryCallable(grpc, call, context);
    }

    /** Gemini models only: the provider serves generateContent, which the other publisher models do not speak. */
    List<ModelInfo> geminiModels(Duration timeout) {
        List<ModelInfo> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String token = "";
        for (int page = 0; page < MAX_PAGES; page++) {
            ListPage result = list.call(
                    new ListRequest(PARENT, PAGE_SIZE, token),
                    GrpcCallContext.createDefault().withTimeoutDuration(timeout));
            for (PublisherModel m : result.models()) {
                String id = m.getName().substring(m.getName().lastIndexOf('/') + 1);
                if (id.startsWith("gemini") && !id.contains("embedding") && seen.add(id)) {
                    out.add(new ModelInfo(id, null, "google", null, null, null));
                }
            }
            token = result.nextPageToken();
            if (token.isEmpty()) break;
        }
        return out;
    }

    static final class RequestMarshaller implements MethodDescriptor.Marshaller<ListRequest> {
        @Override
        public InputStream stream(ListRequest r) {
            return encode(out -> {
                out.writeString(1, r.parent());
                if (r.pageSize() > 0) out.writeInt32(3, r.pageSize());
                if (!r.pageToken().isEmpty()) out.writeString(4, r.pageToken());
            });
        }

        @Override
        public ListRequest parse(InputStream stream) {
            String parent = "";
            int pageSize = 0;
            String token = "";
            try {
                CodedInputStream in = CodedInputStream.newInstance(stream);
                for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                    switch (WireFormat.getTagFieldNumber(tag)) {
                        case 1 -> parent = in.readString();
                        case 3 -> pageSize = in.readInt32();
                        case 4 -> token = in.readString();
                        default -> in.skipField(tag);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new ListRequest(parent, pageSize, token);
        }
    }

    static final class PageMarshaller implements MethodDescriptor.Marshaller<ListPage> {
        @Override
        public InputStream stream(ListPage page) {
            return encode(out -> {
                for (PublisherModel m : page.models()) out.writeMessage(1, m);
                if (!page.nextPageToken().isEmpty()) out.writeString(2, page.nextPageToken());
            });
        }

        @Override
        public ListPage parse(InputStream stream) {
            List<PublisherModel> models = new ArrayList<>();
            String token = "";
            try {
                CodedInputStream in = CodedInputStream.newInstance(stream);
                for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                    switch (WireFormat.getTagFieldNumber(tag)) {
                        case 1 -> models.add(PublisherModel.parseFrom(in.readBytes()));
                        case 2 -> token = in.readString();
                        default -> in.skipField(tag);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new ListPage(models, token);
        }
    }

    private interface Writer {
        void write(CodedOutputStream out) throws IOException;
    }

    private static InputStream encode(Writer writer) {
        try {
            ByteString.Output bytes = ByteString.newOutput();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            writer.write(out);
            out.flush();
            return bytes.toByteString().newInput();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
