import type {
  ALBEvent,
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  DynamoDBStreamEvent,
  EventBridgeEvent,
  KinesisStreamEvent,
  LambdaFunctionURLEvent,
  S3Event,
  ScheduledEvent,
  SNSEvent,
  SQSEvent,
} from 'aws-lambda';
import type { EventSource } from '../sources/detectSource.js';

/** The `@types/aws-lambda` type of each event source's event. */
export interface SampleEvents {
  'sqs': SQSEvent;
  'sns': SNSEvent;
  'eventbridge': EventBridgeEvent<string, unknown>;
  'schedule': ScheduledEvent;
  'apigw-rest': APIGatewayProxyEvent;
  'apigw-http': APIGatewayProxyEventV2;
  'function-url': LambdaFunctionURLEvent;
  'alb': ALBEvent;
  'dynamodb': DynamoDBStreamEvent;
  'kinesis': KinesisStreamEvent;
  's3': S3Event;
}

/** Realistic events of every source, in the shapes of AWS's own samples (`sam local generate-event`). */
export const SAMPLE_EVENTS: { readonly [S in Exclude<EventSource, 'unknown'>]: SampleEvents[S] } = {
  'sqs': {
    "Records": [
      {
        "messageId": "059f36b4-87a3-44ab-83d2-661975830a7d",
        "receiptHandle": "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a",
        "body": "{\"orderId\":\"o-1\",\"total\":42.5}",
        "attributes": {
          "ApproximateReceiveCount": "1",
          "SentTimestamp": "1545082649183",
          "SenderId": "AIDAIENQZJOLO23YVJ4VO",
          "ApproximateFirstReceiveTimestamp": "1545082649185"
        },
        "messageAttributes": {
          "tenant": {
            "stringValue": "acme",
            "stringListValues": [],
            "binaryListValues": [],
            "dataType": "String"
          },
          "priority": {
            "stringValue": "7",
            "stringListValues": [],
            "binaryListValues": [],
            "dataType": "Number"
          },
          "blob": {
            "binaryValue": "AAEC/w==",
            "stringListValues": [],
            "binaryListValues": [],
            "dataType": "Binary"
          }
        },
        "md5OfMessageAttributes": "9b1b6bd2f54b0d8f06f0e4ea2e8e1e1e",
        "md5OfBody": "e4e68fb7bd0e697a0ae8f1bb342846b3",
        "eventSource": "aws:sqs",
        "eventSourceARN": "arn:aws:sqs:us-east-2:123456789012:orders",
        "awsRegion": "us-east-2"
      },
      {
        "messageId": "2e1424d4-f796-459a-8184-9c92662be6da",
        "receiptHandle": "AQEBzWwaftRI0KuVm4tP+/7q1rGgNqicHq",
        "body": "plain text with ünïcödé",
        "attributes": {
          "ApproximateReceiveCount": "3",
          "SentTimestamp": "1545082650636",
          "SenderId": "AIDAIENQZJOLO23YVJ4VO",
          "ApproximateFirstReceiveTimestamp": "1545082650649"
        },
        "messageAttributes": {},
        "md5OfBody": "e4e68fb7bd0e697a0ae8f1bb342846b3",
        "eventSource": "aws:sqs",
        "eventSourceARN": "arn:aws:sqs:us-east-2:123456789012:orders",
        "awsRegion": "us-east-2"
      }
    ]
  },
  'sns': {
    "Records": [
      {
        "EventVersion": "1.0",
        "EventSubscriptionArn": "arn:aws:sns:us-east-1:123456789012:alerts:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55",
        "EventSource": "aws:sns",
        "Sns": {
          "SignatureVersion": "1",
          "Timestamp": "2019-01-02T12:45:07.000Z",
          "Signature": "tcc6faL2yUC6dgZdmrwh1Y4cGa/ebXEkAi6RibDsvpi+tE/1+82j...65r==",
          "SigningCertUrl": "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-ac565b8b1a6c5d002d285f9598aa1d9b.pem",
          "MessageId": "95df01b4-ee98-5cb9-9903-4c221d41eb5e",
          "Message": "{\"alarm\":\"cpu-high\",\"value\":97}",
          "MessageAttributes": {
            "severity": {
              "Type": "String",
              "Value": "critical"
            },
            "retries": {
              "Type": "Number",
              "Value": "2"
            }
          },
          "Type": "Notification",
          "UnsubscribeUrl": "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&amp;SubscriptionArn=arn:aws:sns:us-east-1:123456789012:alerts",
          "TopicArn": "arn:aws:sns:us-east-1:123456789012:alerts",
          "Subject": "CPU alarm"
        }
      }
    ]
  },
  'eventbridge': {
    "version": "0",
    "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
    "detail-type": "Order Placed",
    "source": "com.example.orders",
    "account": "123456789012",
    "time": "2024-05-01T10:00:00Z",
    "region": "eu-west-1",
    "resources": [],
    "detail": {
      "orderId": "o-9",
      "lines": [
        {
          "sku": "A-1",
          "qty": 2
        }
      ]
    }
  },
  'schedule': {
    "version": "0",
    "id": "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa",
    "detail-type": "Scheduled Event",
    "source": "aws.events",
    "account": "123456789012",
    "time": "2024-05-01T06:00:00Z",
    "region": "us-east-1",
    "resources": [
      "arn:aws:events:us-east-1:123456789012:rule/nightly-report"
    ],
    "detail": {}
  },
  'apigw-rest': {
    "resource": "/orders/{id}",
    "path": "/orders/42",
    "httpMethod": "POST",
    "headers": {
      "Accept": "application/json",
      "Content-Type": "application/json",
      "Cookie": "session=abc; theme=dark",
      "Host": "1234567890.execute-api.us-east-1.amazonaws.com",
      "X-Forwarded-For": "203.0.113.5",
      "X-Tag": "b"
    },
    "multiValueHeaders": {
      "Accept": [
        "application/json"
      ],
      "Content-Type": [
        "application/json"
      ],
      "Cookie": [
        "session=abc; theme=dark"
      ],
      "Host": [
        "1234567890.execute-api.us-east-1.amazonaws.com"
      ],
      "X-Forwarded-For": [
        "203.0.113.5"
      ],
      "X-Tag": [
        "a",
        "b"
      ]
    },
    "queryStringParameters": {
      "expand": "lines",
      "tag": "y"
    },
    "multiValueQueryStringParameters": {
      "expand": [
        "lines"
      ],
      "tag": [
        "x",
        "y"
      ]
    },
    "pathParameters": {
      "id": "42"
    },
    "stageVariables": null,
    "requestContext": {
      "accountId": "123456789012",
      "apiId": "1234567890",
      "resourceId": "abc123",
      "resourcePath": "/orders/{id}",
      "httpMethod": "POST",
      "path": "/prod/orders/42",
      "protocol": "HTTP/1.1",
      "stage": "prod",
      "domainName": "1234567890.execute-api.us-east-1.amazonaws.com",
      "domainPrefix": "1234567890",
      "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
      "requestTime": "01/May/2024:10:00:00 +0000",
      "requestTimeEpoch": 1714557600000,
      "identity": {
        "accessKey": null,
        "accountId": null,
        "apiKey": null,
        "apiKeyId": null,
        "caller": null,
        "clientCert": null,
        "cognitoAuthenticationProvider": null,
        "cognitoAuthenticationType": null,
        "cognitoIdentityId": null,
        "cognitoIdentityPoolId": null,
        "principalOrgId": null,
        "sourceIp": "203.0.113.5",
        "user": null,
        "userAgent": "curl/8.5.0",
        "userArn": null
      },
      "authorizer": null
    },
    "body": "{\"qty\":3}",
    "isBase64Encoded": false
  },
  'apigw-http': {
    "version": "2.0",
    "routeKey": "POST /upload/{name}",
    "rawPath": "/upload/résumé.bin",
    "rawQueryString": "tag=x&tag=y&mode=fast",
    "cookies": [
      "session=abc",
      "theme=dark"
    ],
    "headers": {
      "content-type": "application/octet-stream",
      "host": "r3pmxmplak.execute-api.us-east-2.amazonaws.com",
      "x-tag": "a,b",
      "user-agent": "curl/8.5.0"
    },
    "queryStringParameters": {
      "tag": "x,y",
      "mode": "fast"
    },
    "pathParameters": {
      "name": "résumé.bin"
    },
    "requestContext": {
      "accountId": "123456789012",
      "apiId": "r3pmxmplak",
      "domainName": "r3pmxmplak.execute-api.us-east-2.amazonaws.com",
      "domainPrefix": "r3pmxmplak",
      "http": {
        "method": "POST",
        "path": "/upload/résumé.bin",
        "protocol": "HTTP/1.1",
        "sourceIp": "203.0.113.5",
        "userAgent": "curl/8.5.0"
      },
      "requestId": "JKJaXmPLvHcESHA=",
      "routeKey": "POST /upload/{name}",
      "stage": "$default",
      "time": "01/May/2024:10:00:00 +0000",
      "timeEpoch": 1714557600000
    },
    "body": "AAEC/4CBgg==",
    "isBase64Encoded": true
  },
  'function-url': {
    "version": "2.0",
    "routeKey": "$default",
    "rawPath": "/stream/q3%20report",
    "rawQueryString": "format=ndjson&q=a%20b",
    "cookies": [
      "session=xyz"
    ],
    "headers": {
      "accept": "application/x-ndjson",
      "content-type": "application/json",
      "host": "abcdefghijklmnopqrstuvwxyz012345.lambda-url.eu-west-1.on.aws",
      "x-amzn-trace-id": "Root=1-6631f000-0123456789abcdef01234567"
    },
    "queryStringParameters": {
      "format": "ndjson",
      "q": "a b"
    },
    "requestContext": {
      "accountId": "anonymous",
      "apiId": "abcdefghijklmnopqrstuvwxyz012345",
      "domainName": "abcdefghijklmnopqrstuvwxyz012345.lambda-url.eu-west-1.on.aws",
      "domainPrefix": "abcdefghijklmnopqrstuvwxyz012345",
      "http": {
        "method": "PUT",
        "path": "/stream/q3%20report",
        "protocol": "HTTP/1.1",
        "sourceIp": "198.51.100.7",
        "userAgent": "node"
      },
      "requestId": "2a1e6b9a-0c5f-4b8e-9f0a-1f2e3d4c5b6a",
      "routeKey": "$default",
      "stage": "$default",
      "time": "01/May/2024:10:00:00 +0000",
      "timeEpoch": 1714557600000
    },
    "body": "eyJ3aW5kb3ciOiI3ZCJ9",
    "isBase64Encoded": true
  },
  'alb': {
    "requestContext": {
      "elb": {
        "targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/lambda-tg/6d0ecf831eec9f09"
      }
    },
    "httpMethod": "GET",
    "path": "/health",
    "queryStringParameters": {
      "verbose": "1",
      "name": "a%20b"
    },
    "headers": {
      "accept": "text/plain",
      "host": "lambda-alb-123578498.us-east-1.elb.amazonaws.com",
      "user-agent": "curl/8.5.0",
      "x-forwarded-for": "72.12.164.125",
      "x-forwarded-port": "80",
      "x-forwarded-proto": "http"
    },
    "body": "",
    "isBase64Encoded": false
  },
  'dynamodb': {
    "Records": [
      {
        "eventID": "c4ca4238a0b923820dcc509a6f75849b",
        "eventName": "INSERT",
        "eventVersion": "1.1",
        "eventSource": "aws:dynamodb",
        "awsRegion": "us-east-1",
        "dynamodb": {
          "ApproximateCreationDateTime": 1714557600,
          "Keys": {
            "pk": {
              "S": "order#1"
            },
            "sk": {
              "N": "1"
            }
          },
          "NewImage": {
            "pk": {
              "S": "order#1"
            },
            "sk": {
              "N": "1"
            },
            "total": {
              "N": "42.5"
            },
            "paid": {
              "BOOL": false
            },
            "tags": {
              "SS": [
                "new",
                "web"
              ]
            },
            "lines": {
              "L": [
                {
                  "M": {
                    "sku": {
                      "S": "A-1"
                    },
                    "qty": {
                      "N": "2"
                    }
                  }
                }
              ]
            },
            "note": {
              "NULL": true
            }
          },
          "SequenceNumber": "111000000000000000001",
          "SizeBytes": 59,
          "StreamViewType": "NEW_AND_OLD_IMAGES"
        },
        "eventSourceARN": "arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2024-05-01T00:00:00.000"
      },
      {
        "eventID": "c81e728d9d4c2f636f067f89cc14862c",
        "eventName": "MODIFY",
        "eventVersion": "1.1",
        "eventSource": "aws:dynamodb",
        "awsRegion": "us-east-1",
        "dynamodb": {
          "ApproximateCreationDateTime": 1714557601,
          "Keys": {
            "pk": {
              "S": "order#1"
            },
            "sk": {
              "N": "1"
            }
          },
          "NewImage": {
            "pk": {
              "S": "order#1"
            },
            "sk": {
              "N": "1"
            },
            "total": {
              "N": "42.5"
            },
            "paid": {
              "BOOL": true
            }
          },
          "OldImage": {
            "pk": {
              "S": "order#1"
            },
            "sk": {
              "N": "1"
            },
            "total": {
              "N": "42.5"
            },
            "paid": {
              "BOOL": false
            }
          },
          "SequenceNumber": "222000000000000000002",
          "SizeBytes": 90,
          "StreamViewType": "NEW_AND_OLD_IMAGES"
        },
        "eventSourceARN": "arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2024-05-01T00:00:00.000"
      },
      {
        "eventID": "eccbc87e4b5ce2fe28308fd9f2a7baf3",
        "eventName": "REMOVE",
        "eventVersion": "1.1",
        "eventSource": "aws:dynamodb",
        "awsRegion": "us-east-1",
        "dynamodb": {
          "ApproximateCreationDateTime": 1714557602,
          "Keys": {
            "pk": {
              "S": "order#1"
            },
            "sk": {
              "N": "1"
            }
          },
          "OldImage": {
            "pk": {
              "S": "order#1"
            },
            "sk": {
              "N": "1"
            },
            "total": {
              "N": "42.5"
            },
            "paid": {
              "BOOL": true
            }
          },
          "SequenceNumber": "333000000000000000003",
          "SizeBytes": 38,
          "StreamViewType": "NEW_AND_OLD_IMAGES"
        },
        "eventSourceARN": "arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2024-05-01T00:00:00.000"
      }
    ]
  },
  'kinesis': {
    "Records": [
      {
        "kinesis": {
          "kinesisSchemaVersion": "1.0",
          "partitionKey": "sensor-0",
          "sequenceNumber": "49590333129759076289547984023564745386836902259600000",
          "data": "eyJyZWFkaW5nIjoyMS41LCJzZW5zb3IiOiJzLTEifQ==",
          "approximateArrivalTimestamp": 1714557600.123
        },
        "eventSource": "aws:kinesis",
        "eventVersion": "1.0",
        "eventID": "shardId-000000000006:49590333129759076289547984023564745386836902259600000",
        "eventName": "aws:kinesis:record",
        "invokeIdentityArn": "arn:aws:iam::123456789012:role/lambda-role",
        "awsRegion": "us-east-2",
        "eventSourceARN": "arn:aws:kinesis:us-east-2:123456789012:stream/sensors"
      },
      {
        "kinesis": {
          "kinesisSchemaVersion": "1.0",
          "partitionKey": "sensor-1",
          "sequenceNumber": "49590333129759076289547984023564745386836902259600001",
          "data": "bm90IGpzb24gYXQgYWxs",
          "approximateArrivalTimestamp": 1714557601.123
        },
        "eventSource": "aws:kinesis",
        "eventVersion": "1.0",
        "eventID": "shardId-000000000006:49590333129759076289547984023564745386836902259600001",
        "eventName": "aws:kinesis:record",
        "invokeIdentityArn": "arn:aws:iam::123456789012:role/lambda-role",
        "awsRegion": "us-east-2",
        "eventSourceARN": "arn:aws:kinesis:us-east-2:123456789012:stream/sensors"
      },
      {
        "kinesis": {
          "kinesisSchemaVersion": "1.0",
          "partitionKey": "sensor-2",
          "sequenceNumber": "49590333129759076289547984023564745386836902259600002",
          "data": "AAEC//4=",
          "approximateArrivalTimestamp": 1714557602.123
        },
        "eventSource": "aws:kinesis",
        "eventVersion": "1.0",
        "eventID": "shardId-000000000006:49590333129759076289547984023564745386836902259600002",
        "eventName": "aws:kinesis:record",
        "invokeIdentityArn": "arn:aws:iam::123456789012:role/lambda-role",
        "awsRegion": "us-east-2",
        "eventSourceARN": "arn:aws:kinesis:us-east-2:123456789012:stream/sensors"
      }
    ]
  },
  's3': {
    "Records": [
      {
        "eventVersion": "2.1",
        "eventSource": "aws:s3",
        "awsRegion": "us-east-1",
        "eventTime": "2024-05-01T10:00:00.000Z",
        "eventName": "ObjectCreated:Put",
        "userIdentity": {
          "principalId": "AWS:AIDAINPONIXQXHT3IKHL2"
        },
        "requestParameters": {
          "sourceIPAddress": "205.255.255.255"
        },
        "responseElements": {
          "x-amz-request-id": "D82B88E5F771F645",
          "x-amz-id-2": "vlR7PnpV2Ce81l0PRw6jlUpck7Jo5ZsQjryTjKlc5aLWGVHPZLj5NeC6qMa0emYBDXOo6QBU0Wo="
        },
        "s3": {
          "s3SchemaVersion": "1.0",
          "configurationId": "on-upload",
          "bucket": {
            "name": "my-uploads",
            "ownerIdentity": {
              "principalId": "A3I5XTEXAMAI3E"
            },
            "arn": "arn:aws:s3:::my-uploads"
          },
          "object": {
            "key": "reports/annual+report+2024.pdf",
            "size": 1305107,
            "eTag": "b21b84d653bb07b05b1e6b33684dc11b",
            "sequencer": "0C0F6F405D6ED209E1"
          }
        }
      },
      {
        "eventVersion": "2.1",
        "eventSource": "aws:s3",
        "awsRegion": "us-east-1",
        "eventTime": "2024-05-01T10:00:01.000Z",
        "eventName": "ObjectCreated:Put",
        "userIdentity": {
          "principalId": "AWS:AIDAINPONIXQXHT3IKHL2"
        },
        "requestParameters": {
          "sourceIPAddress": "205.255.255.255"
        },
        "responseElements": {
          "x-amz-request-id": "D82B88E5F771F646",
          "x-amz-id-2": "vlR7PnpV2Ce81l0PRw6jlUpck7Jo5ZsQjryTjKlc5aLWGVHPZLj5NeC6qMa0emYBDXOo6QBU0Wp="
        },
        "s3": {
          "s3SchemaVersion": "1.0",
          "configurationId": "on-upload",
          "bucket": {
            "name": "my-uploads",
            "ownerIdentity": {
              "principalId": "A3I5XTEXAMAI3E"
            },
            "arn": "arn:aws:s3:::my-uploads"
          },
          "object": {
            "key": "photos/%E6%97%A5%E6%9C%AC/caf%C3%A9+1%2B1%3D2.jpg",
            "size": 2048,
            "eTag": "0123456789abcdef0123456789abcdef",
            "versionId": "3HL4kqtJlcpXroDTDmjVBH40Nrjfkd",
            "sequencer": "0C0F6F405D6ED209E2"
          }
        }
      },
      {
        "eventVersion": "2.1",
        "eventSource": "aws:s3",
        "awsRegion": "us-east-1",
        "eventTime": "2024-05-01T10:00:02.000Z",
        "eventName": "ObjectRemoved:Delete",
        "userIdentity": {
          "principalId": "AWS:AIDAINPONIXQXHT3IKHL2"
        },
        "requestParameters": {
          "sourceIPAddress": "205.255.255.255"
        },
        "responseElements": {
          "x-amz-request-id": "D82B88E5F771F647",
          "x-amz-id-2": "vlR7PnpV2Ce81l0PRw6jlUpck7Jo5ZsQjryTjKlc5aLWGVHPZLj5NeC6qMa0emYBDXOo6QBU0Wq="
        },
        "s3": {
          "s3SchemaVersion": "1.0",
          "configurationId": "on-delete",
          "bucket": {
            "name": "my-uploads",
            "ownerIdentity": {
              "principalId": "A3I5XTEXAMAI3E"
            },
            "arn": "arn:aws:s3:::my-uploads"
          },
          // An ObjectRemoved record carries no size or eTag (AWS's own sample); @types/aws-lambda types them as required.
          "object": {
            "key": "tmp/old+file.txt",
            "sequencer": "0C0F6F405D6ED209E3"
          } as S3Event['Records'][number]['s3']['object']
        }
      }
    ]
  },
};
