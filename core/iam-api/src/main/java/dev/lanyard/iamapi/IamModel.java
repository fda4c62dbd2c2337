package dev.lanyard.iamapi;

import dev.lanyard.authz.ModelledOperations;
import dev.lanyard.query.model.ServiceModel;
import dev.lanyard.query.model.ServiceStyle;
import java.util.Map;

/**
 * IAM's API model (iam-model.tsv, derived from botocore's) and how IAM words a request that breaks it. IAM never
 * repeats the value ({@code Value at 'tags.1.member.key' failed to satisfy constraint: ...}) and names no enum values;
 * it checks names and paths itself, after the model's constraints, in its own sentences (all as AWS answered in
 * recorded responses). Its dates are whole seconds.
 */
public final class IamModel {
    public static final ServiceModel MODEL = ModelledOperations.load(IamModel.class, "iam-model.tsv");

    static final String NAME_PATTERN = "[\\w+=,.@-]+";
    static final String PATH_PATTERN = "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)";

    static final ServiceStyle STYLE = new ServiceStyle(false, false, Map.of(
            NAME_PATTERN, nameSentence("{member}"),
            PATH_PATTERN, pathSentence("{member}")), true);

    private IamModel() {}

    static String nameSentence(String member) {
        return "The specified value for " + member + " is invalid. It must contain only alphanumeric characters"
                + " and/or the following: +=,.@_-";
    }

    static String pathSentence(String member) {
        return "The specified value for " + member + " is invalid. It must begin and end with / and contain only"
                + " alphanumeric characters and/or / characters.";
    }
}
